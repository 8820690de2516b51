using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Leads;

/// <summary>A follow-up id the client chose is new to every record's follow-ups, also when it is sent to two leads at once.</summary>
public sealed class lead_follow_up_ids(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task one_follow_up_id_sent_to_two_leads_at_once_is_stored_once()
    {
        var first = await host.Admin.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Li") });
        var second = await host.Admin.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Wang") });
        var followUpId = Guid.NewGuid();

        var answers = await Task.WhenAll(new[] { first.Id(), second.Id(), first.Id(), second.Id() }.Select(id => host.Admin.Scenario(s =>
        {
            s.Post.Json(new { id = followUpId, kind = "phone", content = "Once" }).ToUrl($"{LeadApi.Route}/{id}/follow-ups");
            s.IgnoreStatusCode();
        })));

        Assert.Equal(1, answers.Count(a => a.Status() == 201));
        Assert.All(answers.Where(a => a.Status() != 201), a => Assert.Equal(409, a.Status()));
        var stored = 0;
        foreach (var lead in new[] { first, second })
        {
            var page = await host.Admin.GetJsonAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups");
            stored += page.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("id").GetGuid() == followUpId);
        }
        Assert.Equal(1, stored);
    }
}

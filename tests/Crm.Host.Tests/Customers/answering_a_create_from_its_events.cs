using System.Text.Json.Nodes;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Customers;

/// <summary>
/// A create answers from the events it wrote instead of reading the customer back: the answer must be what the read-back
/// answered before — the customer folded from its stream at the written version (a read at <c>?version=1</c>, whose
/// timestamps keep the events' precision) and its team (none yet) —, for a server-chosen and a client-chosen id.
/// </summary>
public sealed class answering_a_create_from_its_events(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task the_201_body_and_etag_are_those_a_read_of_the_customer_answers(bool clientChosenId)
    {
        var unique = Guid.NewGuid().ToString("N");
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Answered " + unique, ["level"] = "B", ["industry"] = "Retail", ["source"] = "Referral", ["region"] = "East",
            ["address"] = "1 Harbour Road", ["phone"] = "+86 139 " + Random.Shared.Next(10_000_000, 99_999_999), ["email"] = $"a{unique}@example.com",
            ["website"] = "answered.example", ["remark"] = "first contact at the fair", ["tags"] = new[] { "vip", "fair" },
        };
        if (clientChosenId) body["id"] = Guid.CreateVersion7();
        var created = await host.Admin.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(Route);
            s.StatusCodeShouldBe(201);
        });
        var id = created.Json().GetProperty("id").GetGuid();

        var folded = await host.Admin.Scenario(s => s.Get.Url($"{Route}/{id}?version=1"));
        var current = await host.Admin.Scenario(s => s.Get.Url($"{Route}/{id}"));

        var answer = JsonNode.Parse(created.ReadAsText())!.AsObject();
        Assert.Empty(answer["team"]!.AsArray());
        Assert.Equal(current.Json().GetProperty("team").GetRawText(), answer["team"]!.ToJsonString());
        answer.Remove("team");
        var read = JsonNode.Parse(folded.ReadAsText())!.AsObject();
        read.Remove("team");
        Assert.Equal(read.ToJsonString(), answer.ToJsonString());
        Assert.Equal(folded.ETag(), created.ETag());
        Assert.Equal(current.ETag(), created.ETag());
        Assert.Equal($"{Route}/{id}", created.Context.Response.Headers.Location.ToString());
    }
}

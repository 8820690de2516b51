using Crm.Events.Customers;
using Crm.Host.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Customers;

/// <summary>
/// What moving the customer commands into Crm.Write fixed: a client-chosen follow-up id sent to several customers at once is
/// stored once (the append locks the id in its own transaction and looks again), and a stale If-Match on a customer the caller
/// cannot reach answers 404 like a missing one, never 412 (which would confirm it exists).
/// </summary>
public sealed class follow_up_ids_and_hidden_versions(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task one_follow_up_id_sent_to_several_customers_at_once_is_stored_once()
    {
        var customers = new List<Guid>();
        for (var i = 0; i < 4; i++) customers.Add((await host.Admin.CreateCustomerAsync()).Id());
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        for (var round = 0; round < 5; round++)
        {
            var followUpId = Guid.CreateVersion7();
            var responses = await Task.WhenAll(customers.Select(id => host.Admin.Scenario(s =>
            {
                s.Post.Json(new { id = followUpId, kind = "communication", content = "Called" }).ToUrl($"{Route}/{id}/follow-ups");
                s.IgnoreStatusCode();
            })));

            Assert.Equal(1, responses.Count(r => r.Status() == 201));
            foreach (var refused in responses.Where(r => r.Status() != 201)) refused.ShouldBeProblem(409, code: "id_taken");
            var stored = 0;
            foreach (var id in customers)
                stored += (await store.ReadStreamAsync(id)).Count(e => e.Data is CustomerFollowedUp f && f.FollowUpId == followUpId);
            Assert.Equal(1, stored);
        }
    }

    [Fact]
    public async Task a_stale_if_match_on_a_hidden_customer_answers_404_not_412()
    {
        var hidden = (await host.Admin.CreateCustomerAsync()).Id();
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Patch, $"{Route}/{hidden}", new { level = "B" }),
            (HttpMethod.Post, $"{Route}/{hidden}/lock", null),
            (HttpMethod.Post, $"{Route}/{hidden}/follow-ups", new { kind = "communication", content = "Called" }),
            (HttpMethod.Post, $"{Route}/{hidden}/transfer", new { toUserId = repId }),
        })
        {
            await rep.Scenario(s =>
            {
                s.Send(method, path, body);
                s.IfMatch("\"7\"");
                s.ProblemShouldBe(404, code: "customer_not_found");
            });
        }
    }
}

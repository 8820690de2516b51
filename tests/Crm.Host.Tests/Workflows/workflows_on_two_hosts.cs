using Crm.EventStore;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Pool;
using Crm.Host.Workflows;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Workflows;

/// <summary>
/// Two hosts on one database (the pool's <see cref="TwoHosts"/>): each workflow runs once per event whichever host leads the trigger
/// subscription and handles the message, a message handed to the other host again does nothing twice, and two sweeps at once claim each
/// quiet period once.
/// </summary>
public sealed class workflows_on_two_hosts(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    [Fact]
    public async Task a_workflow_scenario_runs_each_rule_once_per_event_across_two_hosts()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var inName = new { and = new[] { new { field = "name", op = "contains", value = tag } } };
        var onCreated = await hosts.Admin.CreateWorkflowAsync(new { recordKind = "customer", on = "created" },
            [new { type = "create_task", text = "Welcome call", dueInDays = 1 }, new { type = "set_field", field = "level", value = "A" }], inName);
        var quiet = await hosts.Admin.CreateWorkflowAsync(new { recordKind = "customer", on = "no_follow_up", days = 10 },
            [new { type = "notify", text = "Ten quiet days" }], inName);
        var customers = new List<Guid>();
        for (var i = 0; i < 4; i++) customers.Add((await hosts.Admin.CreateCustomerAsync(name: $"Two hosts {i} {tag}")).Id());

        // The same runs handed to host B's outbox again (as a replay would), while the originals are under way and after they ended:
        // nothing happens twice.
        var store = hosts.B.Services.GetRequiredService<EventStore.EventStore>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var id in customers)
            {
                var trigger = (await store.ReadStreamAsync(id)).Single(e => e.Data is Crm.Events.Customers.CustomerCreated);
                await WorkflowMessages.SendAsync(hosts.B.Services, WorkflowMessages.Of(onCreated.Id(), trigger, "customer", id));
            }
            await hosts.SettledAsync();
        }

        var runs = await hosts.Admin.RunsAsync(onCreated.Id());
        Assert.Equal(4, runs.Count);
        Assert.All(runs, r => Assert.Equal("succeeded", r.Status()));
        await using (var tasks = hosts.Database.DataSource.CreateCommand(
            "select count(*) from crm.tasks t where exists (select 1 from unnest(t.related_keys) k where k = any(@keys))"))
        {
            tasks.Parameters.AddWithValue("keys", customers.Select(c => "customer:" + c).ToArray());
            Assert.Equal(4L, (long)(await tasks.ExecuteScalarAsync())!);
        }
        foreach (var id in customers)
        {
            var edits = (await store.ReadStreamAsync(id)).Count(e => e.Data is Crm.Events.Customers.CustomerEdited);
            Assert.Equal(1, edits);
        }

        // Both hosts sweep at once, ten days on: each customer's quiet period is claimed by one of them.
        hosts.Clock.Advance(TimeSpan.FromDays(11));
        var sweeps = await Task.WhenAll(new[] { hosts.A, hosts.B }.Select(h =>
            h.Services.GetRequiredService<WorkflowSweepService>().RunOnceAsync(CancellationToken.None)));
        await hosts.SettledAsync();
        Assert.True(sweeps.Sum() <= 4, $"swept {sweeps.Sum()}");
        // Read from the table: the tokens signed before the clock moved have expired.
        await using var quietRuns = hosts.Database.DataSource.CreateCommand(
            "select record_id from crm.workflow_runs where workflow_id = @w and status = 'succeeded' order by record_id");
        quietRuns.Parameters.AddWithValue("w", quiet.Id());
        var swept = new List<Guid>();
        await using (var reader = await quietRuns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) swept.Add(reader.GetGuid(0));
        }
        Assert.Equal(customers.Order(), swept.Order());
    }
}

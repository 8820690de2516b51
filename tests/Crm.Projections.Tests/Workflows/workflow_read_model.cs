using Crm.Events;
using Crm.Events.Workflows;
using Crm.EventStore.Daemon;
using Crm.Projections.Tests.Customers;
using Crm.Projections.Workflows;

namespace Crm.Projections.Tests.Workflows;

public sealed class workflow_read_model(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private WorkflowQueries Workflows => new(db.Database.DataSource);

    private static readonly WorkflowTrigger Quiet = new("lead", "no_follow_up", 7);

    [Fact]
    public async Task a_workflow_row_follows_its_stream_and_a_deleted_one_leaves_none()
    {
        var (a, b, author) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(a, "workflow", new WorkflowCreated(a, author, "Quiet leads", true, Quiet, """{"and":[]}""",
            [new WorkflowAction("notify", "Call them")], null));
        await db.AppendAsync(b, "workflow", new WorkflowCreated(b, author, "Gone", true, new WorkflowTrigger("customer", "created", null), null,
            [new WorkflowAction("webhook", Url: "https://example.com/hook")], "a secret of sixteen+"));
        await db.AppendAsync(a, "workflow", new WorkflowEdited(a, author, "Quiet leads", false, Quiet, null, [new WorkflowAction("notify", "Call")],
            null, ["enabled", "condition", "actions"]));
        await db.AppendAsync(b, "workflow", new WorkflowDeleted(b, "Gone"));

        var row = await Workflows.GetAsync(a);
        Assert.Equal((false, 7, null, "Call", 2L), (row!.Enabled, row.Trigger.Days, row.Condition, row.Actions[0].Text, row.Version));
        Assert.Null(await Workflows.GetAsync(b));
        Assert.DoesNotContain(await Workflows.ListAsync(WorkflowTriggers.NoFollowUp), w => w.Id == a);
    }

    [Fact]
    public async Task the_workflows_table_rebuilt_from_zero_equals_the_one_built_inline()
    {
        var author = Guid.CreateVersion7();
        foreach (var i in Enumerable.Range(0, 3))
        {
            var id = Guid.CreateVersion7();
            await db.AppendAsync(id, "workflow", new WorkflowCreated(id, author, "Rule " + i, true, Quiet, null,
                [new WorkflowAction("create_task", "Task " + i, DueInDays: i)], i == 0 ? "a secret of sixteen+" : null));
        }
        var before = await SnapshotAsync();

        var projection = CrmProjections.Inline().Single(p => p.Name == "crm.workflows");
        await using var daemon = new ProjectionDaemon(db.Store, [projection], new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.RebuildAsync(projection.Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();

        Assert.Equal(before, await SnapshotAsync());
        Assert.Contains(before, r => r.Contains("\"trigger_days\":7", StringComparison.Ordinal));
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var cmd = db.Database.DataSource.CreateCommand("select row_to_json(t)::text from crm.workflows t order by row_to_json(t)::text");
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}

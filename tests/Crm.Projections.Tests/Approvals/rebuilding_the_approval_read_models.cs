using Crm.Events;
using Crm.Events.Approvals;
using Crm.EventStore.Daemon;
using Crm.Projections.Approvals;
using Crm.Projections.Tests.Customers;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Approvals;

/// <summary>
/// crm.approval_flows and crm.approvals, dropped and rebuilt from the events, come out identical (the approval notifications are a
/// subscription's: Crm.Host.Tests, replaying_notifications).
/// </summary>
public sealed class rebuilding_the_approval_read_models(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private static readonly string[] Tables = ["crm.approval_flows", "crm.approvals"];
    private static readonly string[] Projections = ["crm.approval_flows", "crm.approvals"];
    private static readonly Guid Rep = Guid.CreateVersion7();
    private static readonly Guid Boss = Guid.CreateVersion7();
    private static readonly Guid F1 = Guid.CreateVersion7();
    private static readonly Guid F2 = Guid.CreateVersion7();
    private static readonly Guid Role = Guid.CreateVersion7();

    private static readonly ApprovalStepPlan[] Plan =
    [
        new(0, "Manager", ApproverKinds.Superior, null, ApprovalModes.Any, [Boss]), new(1, "Finance", ApproverKinds.Role, Role, ApprovalModes.All, [F1, F2]),
    ];

    private static ApprovalSubmitted Submitted(Guid id, Guid flow) =>
        new(id, "contract", Guid.CreateVersion7(), 4, new string('a', 64), "HT-1 Deal " + id.ToString()[..4], flow, 2, Plan, Rep, Day0);

    private static ApprovalStepStarted Started(ApprovalSubmitted s, int step) =>
        new(s.SubmissionId, s.RecordKind, s.RecordId, s.Title, step, Plan[step].Name, Plan[step].Approvers, Day0.AddHours(step));

    [Fact]
    public async Task every_approval_table_rebuilt_from_zero_equals_the_one_built_inline()
    {
        var flow = Guid.CreateVersion7();
        var steps = new[] { new ApprovalStepRule("Manager", ApproverKinds.Superior, null, null, ApprovalModes.Any) };
        await db.AppendAsync(flow, "approval-flow", new ApprovalFlowCreated(flow, "contract", "Contracts", steps, false), new ApprovalFlowEnabled(flow),
            new ApprovalFlowChanged(flow, "Contracts 2026", [.. steps, new ApprovalStepRule("Finance", ApproverKinds.Role, null, Role, ApprovalModes.All)]));
        var gone = Guid.CreateVersion7();
        await db.AppendAsync(gone, "approval-flow", new ApprovalFlowCreated(gone, "contract", "Old", steps, false), new ApprovalFlowDeleted(gone));

        for (var i = 0; i < 5; i++)
        {
            var s = Submitted(Guid.CreateVersion7(), flow);
            object[] more = i switch
            {
                0 => [new ApprovalStepApproved(s.SubmissionId, 0, Boss, "ok", Day0), Started(s, 1), new ApprovalStepApproved(s.SubmissionId, 1, F1, null, Day0),
                    new ApprovalStepApproved(s.SubmissionId, 1, F2, null, Day0), new ApprovalCompleted(s.SubmissionId, s.RecordKind, s.RecordId, 4, Day0)],
                1 => [new ApprovalRejected(s.SubmissionId, s.RecordKind, s.RecordId, 0, Boss, "Too cheap", Day0)],
                2 => [new ApprovalWithdrawn(s.SubmissionId, s.RecordKind, s.RecordId, Rep, Day0)],
                3 => [new ApprovalStepApproved(s.SubmissionId, 0, Boss, null, Day0), Started(s, 1),
                    new ApprovalApproverReassigned(s.SubmissionId, s.RecordKind, s.RecordId, s.Title, 1, "Finance", F2, Rep, "Left", Boss, Day0)],
                _ => [new ApprovalStepApproved(s.SubmissionId, 0, Boss, null, Day0), Started(s, 1), new ApprovalStepApproved(s.SubmissionId, 1, F1, null, Day0)],
            };
            await db.AppendAsync(s.SubmissionId, "approval", [s, Started(s, 0), .. more]);
        }
        var before = await SnapshotAsync();
        Assert.All(Tables, t => Assert.NotEmpty(before[t]));
        Assert.Single(before["crm.approval_flows"]);
        Assert.Contains(before["crm.approvals"], r => r.Contains("\"status\":\"pending\"", StringComparison.Ordinal)
            && r.Contains($"\"waiting_for\":[\"{F2}\"]", StringComparison.Ordinal));
        Assert.Contains(before["crm.approvals"], r => r.Contains("Left", StringComparison.Ordinal)
            && !r.Contains($"\"waiting_for\":[\"{F2}\"]", StringComparison.Ordinal));

        var projections = CrmProjections.Inline().Where(p => Projections.Contains(p.Name)).ToList();
        Assert.Equal(Projections.Length, projections.Count);
        await using var daemon = new ProjectionDaemon(db.Store, projections, new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        foreach (var projection in projections)
        {
            await daemon.RebuildAsync(projection.Name);
            await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        }
        await daemon.StopAsync();

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task waiting_for_me_and_the_callers_own_list_come_from_the_row()
    {
        var s = Submitted(Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(s.SubmissionId, "approval", s, Started(s, 0), new ApprovalStepApproved(s.SubmissionId, 0, Boss, null, Day0), Started(s, 1));
        var queries = new ApprovalQueries(db.Database.DataSource);

        var waiting = await queries.ListAsync(new ApprovalListRequest(F1, [], true, false, "contract", "pending", 50, null));
        Assert.Equal(s.SubmissionId, Assert.Single(waiting.Items).Id);
        Assert.Empty((await queries.ListAsync(new ApprovalListRequest(Boss, [], true, false, null, null, 50, null))).Items);
        Assert.Contains(s.SubmissionId, (await queries.ListAsync(new ApprovalListRequest(Boss, [], false, false, null, null, 50, null))).Items.Select(r => r.Id));
        Assert.DoesNotContain(s.SubmissionId,
            (await queries.ListAsync(new ApprovalListRequest(Guid.CreateVersion7(), [], false, false, null, null, 50, null))).Items.Select(r => r.Id));
        var row = (await queries.GetAsync(s.SubmissionId))!;
        Assert.Equal((1, "approved"), (row.CurrentStep, row.Steps[0].Actions[0].Action));
        // Lists inside the row compare by reference: the row read and the row folded to its version are compared as JSON.
        var folded = (await db.Store.ReadAsOfAsync<ApprovalRow>(s.SubmissionId, 4, null, ApprovalRow.Evolve))!;
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(row), System.Text.Json.JsonSerializer.Serialize(folded));
    }

    private async Task<Dictionary<string, List<string>>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in Tables)
        {
            await using var cmd = db.Database.DataSource.CreateCommand($"select row_to_json(t)::text from {table} t order by row_to_json(t)::text");
            var rows = new List<string>();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            snapshot[table] = rows;
        }
        return snapshot;
    }
}

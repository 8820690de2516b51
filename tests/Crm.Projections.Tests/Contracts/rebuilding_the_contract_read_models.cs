using System.Text.Json;
using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore.Daemon;
using Crm.Projections.Contracts;
using Crm.Projections.Tests.Customers;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Contracts;

/// <summary>crm.contracts, crm.contract_lines, crm.contract_team, crm.payment_plans and the contracts' deals, rebuilt from the events, come out identical.</summary>
public sealed class rebuilding_the_contract_read_models(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private static readonly string[] Tables = ["crm.contracts", "crm.contract_lines", "crm.contract_team", "crm.payment_plans", "crm.customer_deals"];

    private static OpportunityLine Line(decimal quantity, decimal price) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), "Widget", "W-1", "piece", quantity, new Money(price, "CNY"), 0m, new Money(quantity * price, "CNY"));

    private static PaymentPlanEntry Plan(int instalment, decimal amount, int? remind = 7, int day = 1) =>
        new(Guid.CreateVersion7(), instalment, new Money(amount, "CNY"), new DateOnly(2026, 5, day), "transfer", remind, null);

    [Fact]
    public async Task every_contract_table_rebuilt_from_zero_equals_the_one_built_inline()
    {
        var (owner, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var customer = await db.GivenCustomerAsync(new CustomerFields("Contract customer"), owner);
        for (var i = 0; i < 6; i++)
        {
            var id = Guid.CreateVersion7();
            var lines = new[] { Line(i + 1, 100m), Line(2, 3.25m) };
            var amount = new Money(lines.Sum(l => l.Subtotal.Amount), "CNY");
            var custom = JsonSerializer.SerializeToElement(new { region = "East " + i });
            var fields = new ContractFields("Contract " + i, new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31), null, null, custom);
            var first = Plan(1, 50m);
            await db.AppendAsync(id, "contract",
                new ContractCreated(id, $"HT-2026-{i:000000}-{Guid.NewGuid():N}", customer, null, fields, lines, amount, false, owner, Day0),
                new ContractEdited(id, [new FieldChange("remark", null, "r" + i)]),
                new ContractTeamMemberAdded(id, other, TeamAccess.Read),
                new PaymentPlanAdded(id, first),
                new ContractTransferred(id, other, owner, TeamAccess.Read, null, Day0.AddDays(1)),
                new ContractTeamMemberRemoved(id, other, TeamAccess.Read),
                new ContractTeamMemberAdded(id, owner, TeamAccess.Read),
                new PaymentPlanAdded(id, Plan(2, 10m, null, 2)),
                new PaymentPlanChanged(id, first with { Amount = new Money(60m, "CNY") }, first));
            object[] more = (i % 3) switch
            {
                0 => [new ContractSubmitted(id, Guid.CreateVersion7(), Day0.AddDays(2)),
                    new ContractApproved(id, customer, Guid.CreateVersion7(), 10, amount, Day0.AddDays(3))],
                1 => [new ContractSubmitted(id, Guid.CreateVersion7(), Day0.AddDays(2)),
                    new ContractApproved(id, customer, Guid.CreateVersion7(), 10, amount, Day0.AddDays(3)),
                    new ContractVoided(id, "Rescinded", ApprovalStatus.Approved, Day0.AddDays(4))],
                _ => [new ContractLinesChanged(id, [Line(1, 99m)], lines, new Money(99m, "CNY"), amount), new ContractDeleted(id)],
            };
            await db.AppendAsync(id, "contract", more);
        }
        var before = await SnapshotAsync();
        Assert.All(Tables, t => Assert.NotEmpty(before[t]));
        Assert.Equal(4, before["crm.contracts"].Count(r => r.Contains("\"name\":\"Contract ", StringComparison.Ordinal)));
        Assert.Equal(2, before["crm.customer_deals"].Count(r => r.Contains("\"deal_kind\":\"contract\"", StringComparison.Ordinal)));
        Assert.All(before["crm.payment_plans"], r => Assert.Contains($"\"owner_id\":\"{other}\"", r));

        var projections = CrmProjections.Inline().Where(p => Tables.Contains(p.Name)).ToList();
        Assert.Equal(Tables.Length, projections.Count);
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
    public async Task the_row_read_back_and_the_row_folded_to_its_version_agree_and_plans_due_are_found_by_their_reminder()
    {
        var owner = Guid.CreateVersion7();
        var id = Guid.CreateVersion7();
        var soon = Plan(1, 10m, remind: 5, day: 10);
        var later = Plan(2, 10m, remind: 5, day: 30);
        var never = Plan(3, 10m, remind: null, day: 11);
        await db.AppendAsync(id, "contract",
            new ContractCreated(id, "RB-" + Guid.NewGuid().ToString("N"), Guid.CreateVersion7(), null, new ContractFields("Read back"), [Line(3, 10m)],
                new Money(30m, "CNY"), false, owner, Day0),
            new PaymentPlanAdded(id, soon), new PaymentPlanAdded(id, later), new PaymentPlanAdded(id, never),
            new ContractSubmitted(id, Guid.CreateVersion7(), Day0));
        var queries = new ContractQueries(db.Database.DataSource, db.Store);
        var row = (await queries.GetAsync(id))!;
        var folded = (await queries.GetAsOfAsync(id, 5, null))!;
        Assert.Equal(row, folded with { Lines = null, Plans = null });
        Assert.Equal(("pending", 3), (row.Status, folded.Plans!.Count));
        Assert.Null(await queries.GetAsOfAsync(id, 1, Day0.AddDays(-1)));

        // On May 3rd within 2 days: May 10th minus 5 is May 5th ≤ May 5th; May 30th's reminder starts May 25th.
        var due = await queries.PlansDueAsync(new DateOnly(2026, 5, 3), 2, owner, 50);
        Assert.Equal(soon.PlanId, Assert.Single(due).PlanId);
        Assert.Empty(await queries.PlansDueAsync(new DateOnly(2026, 5, 3), 1, owner, 50));
        Assert.Equal([soon.PlanId, later.PlanId], (await queries.PlansDueAsync(new DateOnly(2026, 5, 3), 30, owner, 50)).Select(d => d.PlanId));
        // Past its planned day it is overdue (the receivables' business), and a voided contract's plans are never due.
        Assert.Equal([later.PlanId], (await queries.PlansDueAsync(new DateOnly(2026, 5, 11), 30, owner, 50)).Select(d => d.PlanId));
        await db.AppendAsync(id, "contract", new ContractVoided(id, "gone", ApprovalStatus.Pending, Day0));
        Assert.Empty(await queries.PlansDueAsync(new DateOnly(2026, 5, 3), 30, owner, 50));
    }

    /// <summary>A new contract event must move the row (its version is the ETag); forgetting one would leave it stale.</summary>
    [Fact]
    public void every_contract_stream_event_is_handled_by_the_contracts_projection() =>
        Assert.Equal(17 + 2, new ContractsProjection().EventTypes.Count); // the two attachment events too

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

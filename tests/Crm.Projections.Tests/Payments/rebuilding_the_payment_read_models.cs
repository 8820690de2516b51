using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore.Daemon;
using Crm.Projections.Payments;
using Crm.Projections.Tests.Customers;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Payments;

/// <summary>crm.payments (inline) and crm.receivables with crm.receivable_plans (async), dropped and rebuilt from the events, come out identical.</summary>
public sealed class rebuilding_the_payment_read_models(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private static readonly string[] ReceivableTables = ["crm.receivables", "crm.receivable_instalments", "crm.receivable_plans"];
    private static readonly DateOnly Day = DateOnly.FromDateTime(Day0.UtcDateTime);

    private static Money Cny(decimal amount) => new(amount, "CNY");

    private static PaymentPlanEntry Plan(Guid id, int instalment, decimal amount, int day, int? remind = 3) =>
        new(id, instalment, Cny(amount), Day.AddDays(day), "bank transfer", remind, null);

    /// <summary>Six contracts in every state, with plans, transfers and payments in every state; answers the payments.</summary>
    private async Task<List<Guid>> SeedAsync(Guid owner, Guid other)
    {
        var payments = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var contract = Guid.CreateVersion7();
            var customer = Guid.CreateVersion7();
            var (plan1, plan2) = (Guid.CreateVersion7(), Guid.CreateVersion7());
            var submission = Guid.CreateVersion7();
            await db.AppendAsync(contract, "contract",
                new ContractCreated(contract, $"HT-R-{i}", customer, null, new ContractFields("Contract " + i), [], Cny(1000m + i), true, owner, Day0),
                new PaymentPlanAdded(contract, Plan(plan1, 1, 400m, -30)), new PaymentPlanAdded(contract, Plan(plan2, 2, 600m + i, 20, null)),
                new PaymentPlanChanged(contract, Plan(plan1, 1, 450m, -31), Plan(plan1, 1, 400m, -30)),
                new ContractSubmitted(contract, submission, Day0), new ContractApproved(contract, customer, submission, 5, Cny(1000m + i), Day0));
            for (var p = 0; p < 3; p++)
            {
                var id = Guid.CreateVersion7();
                payments.Add(id);
                var fields = new PaymentFields(Cny(100m * (p + 1)), Day.AddDays(-p), p == 0 ? plan1 : null, "cash", p == 1 ? "r" : null);
                await db.AppendAsync(id, "payment", new PaymentRecorded(id, contract, customer, fields, owner, Day0));
                var sub = Guid.CreateVersion7();
                object[] more = ((i + p) % 4) switch
                {
                    0 => [new PaymentSubmitted(id, sub, Day0), new PaymentApproved(id, contract, customer, sub, 2, fields.Amount, fields.ReceivedOn, Day0)],
                    1 => [new PaymentEdited(id, fields with { Remark = "edited" }, fields), new PaymentSubmitted(id, sub, Day0),
                        new PaymentRejected(id, sub, "Wrong", Day0)],
                    2 => [new PaymentSubmitted(id, sub, Day0), new PaymentWithdrawn(id, sub, Day0), new PaymentDeleted(id)],
                    _ => [],
                };
                if (more.Length > 0) await db.AppendAsync(id, "payment", more);
            }
            object[] after = (i % 3) switch
            {
                0 => [new ContractTransferred(contract, other, owner, null, null, Day0), new PaymentPlanRemoved(contract, Plan(plan2, 2, 600m + i, 20, null))],
                1 => [new ContractVoided(contract, "Cancelled", "approved", Day0)],
                _ => [new ContractTeamMemberAdded(contract, other, TeamAccess.Read)],
            };
            await db.AppendAsync(contract, "contract", after);
        }
        // A draft contract: a row, never listed (lists show approved ones).
        var draft = Guid.CreateVersion7();
        await db.AppendAsync(draft, "contract",
            new ContractCreated(draft, "HT-R-draft", Guid.CreateVersion7(), null, new ContractFields("Draft"), [], Cny(5m), true, owner, Day0));
        return payments;
    }

    [Fact]
    public async Task crm_payments_and_the_receivables_rebuilt_from_zero_equal_the_ones_built_before()
    {
        var (owner, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await SeedAsync(owner, other);
        await using (var daemon = new ProjectionDaemon(db.Store, [new ReceivablesProjection()], new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50),
                         BatchSize = 7, RebuildBatchSize = 7 }))
        {
            // Small batches (also while catching up): the contract's and its payments' events land in different batches, as they do while
            // the daemon follows the feed, and the contracts the projection remembers between batches are used; the rebuild below
            // replays everything in one batch.
            await daemon.StartAsync();
            await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
            await daemon.StopAsync();
        }
        var before = await SnapshotAsync(["crm.payments", .. ReceivableTables]);
        Assert.All(before.Values, Assert.NotEmpty);
        Assert.Equal(13, before["crm.payments"].Count(r => r.Contains($"\"owner_id\":\"{owner}\"", StringComparison.Ordinal)
            || r.Contains($"\"owner_id\":\"{other}\"", StringComparison.Ordinal)));
        // Voided contracts (i = 1, 4) leave the receivables; the transferred ones (i = 0, 3) follow their new owner, their payments too.
        Assert.Equal(5, before["crm.receivables"].Count);
        Assert.Equal(2, before["crm.receivables"].Count(r => r.Contains($"\"owner_id\":\"{other}\"", StringComparison.Ordinal)));
        Assert.Equal(5, before["crm.payments"].Count(r => r.Contains($"\"owner_id\":\"{other}\"", StringComparison.Ordinal)));

        var projections = CrmProjections.Inline().Where(p => p.Name == "crm.payments").Concat(CrmProjections.Async().Where(p => p.Name == "crm.receivables"))
            .ToList();
        Assert.Equal(2, projections.Count);
        await using (var daemon = new ProjectionDaemon(db.Store, projections, new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) }))
        {
            await daemon.StartAsync();
            foreach (var projection in projections)
            {
                await daemon.RebuildAsync(projection.Name);
                await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
            }
            await daemon.StopAsync();
        }
        Assert.Equal(before, await SnapshotAsync(["crm.payments", .. ReceivableTables]));
    }

    [Fact]
    public async Task the_payment_row_read_back_and_the_row_folded_to_its_version_agree()
    {
        var id = Guid.CreateVersion7();
        var fields = new PaymentFields(Cny(12.5m), Day, Guid.CreateVersion7(), "cash", "x");
        var sub = Guid.CreateVersion7();
        await db.AppendAsync(id, "payment", new PaymentRecorded(id, Guid.CreateVersion7(), Guid.CreateVersion7(), fields, Guid.CreateVersion7(), Day0),
            new PaymentSubmitted(id, sub, Day0), new PaymentRejected(id, sub, "No receipt", Day0));
        var queries = new PaymentQueries(db.Database.DataSource, db.Store);
        var row = (await queries.GetAsync(id))!;
        Assert.Equal(row, await queries.GetAsOfAsync(id, 3, null));
        Assert.Equal(("rejected", "No receipt", fields), (row.Status, row.RejectedReason, row.Fields));
        Assert.Equal("draft", (await queries.GetAsOfAsync(id, 1, null))!.Status);
    }

    [Fact]
    public void instalments_are_covered_oldest_first_whatever_the_order_they_were_planned_in()
    {
        var entry = new ReceivableEntry(Guid.CreateVersion7(), "HT", Guid.CreateVersion7(), Guid.CreateVersion7(), ApprovalStatus.Approved, Cny(1000m), 500m, 2,
            null, null, [new ReceivablePlan(Guid.CreateVersion7(), 2, 600m, Day.AddDays(10), null, null), new ReceivablePlan(Guid.CreateVersion7(), 1, 400m,
                Day, null, 5)], Day0);
        Assert.Equal([(1, 400m, 0m), (2, 1000m, 500m)], entry.Covered().Select(c => (c.Plan.Instalment, c.DueThrough, c.Outstanding)));
        Assert.Equal((2, 500m), (entry.NextDue!.Plan.Instalment, entry.NextDue.Outstanding));
        Assert.Equal(Day.AddDays(-5), entry.Covered()[0].Plan.RemindOn);
        Assert.Null((entry with { Approved = 1000m }).NextDue);
    }

    private async Task<Dictionary<string, List<string>>> SnapshotAsync(string[] tables)
    {
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in tables)
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

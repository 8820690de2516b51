using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Projections.Dashboard;
using Crm.Projections.Targets;

namespace Crm.Projections.Tests.Targets;

/// <summary>
/// crm.achievement_rollup, kept from each deal's change, always equals summing crm.achievement_deals afresh: after approvals, then
/// after re-dating, voiding, deleting, transferring and re-approving in later batches, after a rebuild, and as its migration fills it.
/// </summary>
public sealed class rolling_up_achievement(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private static readonly DateTimeOffset Day0 = DateTimeOffset.Parse("2026-04-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private const string Recomputed = """
        select measure, g.grain, case g.grain when 'd' then dated_on when 'm' then date_trunc('month', dated_on)::date
               else date_trunc('year', dated_on)::date end as bucket, owner_id, currency, sum(amount) as amount, count(*)::int as deals
        from crm.achievement_deals cross join (values ('d'), ('m'), ('y')) as g(grain)
        where counted and dated_on is not null group by 1, 2, 3, 4, 5
        """;

    [Fact]
    public async Task the_rollup_equals_the_deals_summed_afresh_through_every_change_and_a_rebuild()
    {
        var (owner, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var contracts = new List<(Guid Id, Guid Customer)>();
        for (var i = 0; i < 6; i++)
        {
            var (id, submission, customer) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
            var amount = new Money(100m * (i + 1), i == 5 ? "USD" : "CNY");
            await db.Store.AppendAsync(StreamAppend.Start(id, "contract",
                new ContractCreated(id, "RU-" + i, customer, null, new ContractFields("Deal", new DateOnly(2026, 4, 28 + i % 3)), [], amount, true, owner, Day0),
                new ContractSubmitted(id, submission, Day0), new ContractApproved(id, customer, submission, 5, amount, Day0.AddDays(i))));
            contracts.Add((id, customer));
        }
        var payment = Guid.CreateVersion7();
        await db.Store.AppendAsync(StreamAppend.Start(payment, "payment", new PaymentApproved(payment, contracts[0].Id, contracts[0].Customer,
            Guid.CreateVersion7(), 2, new Money(30m, "CNY"), new DateOnly(2026, 5, 2), Day0)));

        var achievement = new AchievementProjection();
        await using var daemon = new ProjectionDaemon(db.Store, [achievement], new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(await SnapshotAsync(Recomputed), await SnapshotAsync("select * from crm.achievement_rollup"));

        // Later batches: each change moves figures between buckets the first batch wrote.
        await db.Store.AppendAsync(new StreamAppend(contracts[0].Id, "contract", ExpectedVersion.Exactly(3),
            [new ContractEdited(contracts[0].Id, [new FieldChange("signedOn", "2026-04-28", "2026-06-15")])]));
        await db.Store.AppendAsync(new StreamAppend(contracts[1].Id, "contract", ExpectedVersion.Exactly(3),
            [new ContractVoided(contracts[1].Id, "Cancelled", "approved", Day0.AddDays(9))]));
        await db.Store.AppendAsync(new StreamAppend(contracts[2].Id, "contract", ExpectedVersion.Exactly(3), [new ContractDeleted(contracts[2].Id)]));
        await db.Store.AppendAsync(new StreamAppend(contracts[3].Id, "contract", ExpectedVersion.Exactly(3),
            [new ContractTransferred(contracts[3].Id, other, owner, null, null, Day0.AddDays(9))]));
        await db.Store.AppendAsync(new StreamAppend(payment, "payment", ExpectedVersion.Exactly(1), [new PaymentApproved(payment, contracts[0].Id,
            contracts[0].Customer, Guid.CreateVersion7(), 3, new Money(45m, "CNY"), new DateOnly(2026, 7, 1), Day0.AddDays(10))]));
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        var kept = await SnapshotAsync("select * from crm.achievement_rollup");
        Assert.Equal(await SnapshotAsync(Recomputed), kept);
        Assert.DoesNotContain(kept, r => r.Contains("\"deals\":0", StringComparison.Ordinal));

        // What the dashboard reads of it: April lost the re-dated (to June), voided and deleted contracts; the payment moved to July.
        var sums = await new DashboardQueries(db.Database.DataSource).DealsAsync(
            [new DayPeriod(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)), new DayPeriod(new DateOnly(2026, 5, 1), new DateOnly(2026, 7, 31))],
            [owner], byOwner: false);
        Assert.Equal(400m + 500m, sums.Where(s => s.Period == 0 && s.Measure == TargetMeasures.ContractAmount && s.Currency == "CNY").Sum(s => s.Amount));
        Assert.Equal(600m, sums.Single(s => s.Period == 0 && s.Currency == "USD").Amount);
        Assert.Equal(100m, sums.Single(s => s.Period == 1 && s.Measure == TargetMeasures.ContractAmount).Amount);
        Assert.Equal(45m, sums.Single(s => s.Period == 1 && s.Measure == TargetMeasures.PaymentsReceived).Amount);
        // A department's many owners are read from every owner's rows, then kept: the same sums, and the same months for the trend.
        var many = new[] { owner }.Concat(Enumerable.Range(0, DashboardQueries.OwnerByOwner).Select(_ => Guid.CreateVersion7())).ToArray();
        var queries = new DashboardQueries(db.Database.DataSource);
        Assert.Equal(sums.OrderBy(s => (s.Period, s.Measure, s.Currency)), (await queries.DealsAsync(
            [new DayPeriod(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)), new DayPeriod(new DateOnly(2026, 5, 1), new DateOnly(2026, 7, 31))],
            many, byOwner: false)).OrderBy(s => (s.Period, s.Measure, s.Currency)));
        Assert.Equal(await queries.MonthlyDealsAsync(new DateOnly(2026, 1, 1), 12, [owner]), await queries.MonthlyDealsAsync(new DateOnly(2026, 1, 1), 12, many));
        Assert.Equal(600m, (await queries.MonthlyDealsAsync(new DateOnly(2026, 4, 1), 1, many)).Single(m => m.Currency == "USD").Amount);

        await daemon.RebuildAsync(achievement.Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();
        Assert.Equal(kept, await SnapshotAsync("select * from crm.achievement_rollup"));

        // The migrations fill an empty rollup from the deals as they stand: days and months (0190), then years from the months (0215).
        await using (var truncate = db.Database.DataSource.CreateCommand("truncate crm.achievement_rollup")) await truncate.ExecuteNonQueryAsync();
        foreach (var migration in ReadModelMigrations.All.Where(m => m.Number is 190 or 215))
        {
            await using var fill = db.Database.DataSource.CreateCommand(migration.Sql);
            await fill.ExecuteNonQueryAsync();
        }
        Assert.Equal(kept, await SnapshotAsync("select * from crm.achievement_rollup"));
    }

    private async Task<List<string>> SnapshotAsync(string query)
    {
        await using var cmd = db.Database.DataSource.CreateCommand($"select row_to_json(t)::text from ({query}) t order by 1");
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}

using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Projections.Targets;

namespace Crm.Projections.Tests.Targets;

/// <summary>crm.targets (inline) and crm.achievement_deals (async), dropped and rebuilt from the events, come out identical.</summary>
public sealed class rebuilding_the_target_read_models(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private static readonly DateTimeOffset Day0 = DateTimeOffset.Parse("2026-04-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task both_rebuilt_from_zero_equal_the_ones_built_before()
    {
        var (owner, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        for (var i = 0; i < 6; i++)
        {
            var (id, submission, customer) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
            var amount = new Money(100m * (i + 1), "CNY");
            var events = new List<object>
            {
                new ContractCreated(id, "HT-" + i, customer, null, new ContractFields("Deal", i % 2 == 0 ? new DateOnly(2026, 4, 1 + i) : null), [], amount,
                    true, owner, Day0),
                new ContractEdited(id, [new FieldChange("signedOn", null, "2026-05-0" + (i + 1))]),
                new ContractTransferred(id, other, owner, null, null, Day0),
                new ContractSubmitted(id, submission, Day0), new ContractApproved(id, customer, submission, 5, amount, Day0.AddDays(i)),
            };
            if (i == 3) events.Add(new ContractVoided(id, "Cancelled", "approved", Day0.AddDays(9)));
            if (i == 4) events.Add(new ContractTransferred(id, owner, other, null, null, Day0.AddDays(9)));
            await db.Store.AppendAsync(StreamAppend.Start(id, "contract", [.. events]));
            var payment = Guid.CreateVersion7();
            await db.Store.AppendAsync(StreamAppend.Start(payment, "payment", new PaymentApproved(payment, id, customer, Guid.CreateVersion7(), 2,
                new Money(10m + i, "CNY"), new DateOnly(2026, 6, 1 + i), Day0)));
            var target = Guid.CreateVersion7();
            var key = new TargetKey(TargetSubjects.User, owner, TargetMeasures.ContractAmount, 2026, TargetPeriods.Month, 1 + i);
            await db.Store.AppendAsync(StreamAppend.Start(target, "target", new TargetSet(target, key, new Money(1000m, "CNY"), owner, Day0),
                new TargetChanged(target, new Money(2000m, "CNY"), new Money(1000m, "CNY"), Day0)));
            if (i == 5) await db.Store.AppendAsync(new StreamAppend(target, "target", ExpectedVersion.Exactly(2), [new TargetDeleted(target, key, Day0)]));
        }
        var achievement = new AchievementProjection();
        var targets = CrmProjections.Inline().Single(p => p.Name == "crm.targets");
        await using var daemon = new ProjectionDaemon(db.Store, [achievement, targets], new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        var before = (await SnapshotAsync("crm.achievement_deals"), await SnapshotAsync("crm.targets"));
        Assert.Equal(12, before.Item1.Count(r => r.Contains(owner.ToString(), StringComparison.Ordinal) || r.Contains(other.ToString(), StringComparison.Ordinal)));
        Assert.Single(before.Item1, r => r.Contains("\"counted\":false", StringComparison.Ordinal) && r.Contains(other.ToString(), StringComparison.Ordinal));
        Assert.Equal(5, before.Item2.Count(r => r.Contains(owner.ToString(), StringComparison.Ordinal)));

        await daemon.RebuildAsync(achievement.Name);
        await daemon.RebuildAsync(targets.Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();
        Assert.Equal(before.Item1, await SnapshotAsync("crm.achievement_deals"));
        Assert.Equal(before.Item2, await SnapshotAsync("crm.targets"));
    }

    private async Task<List<string>> SnapshotAsync(string table)
    {
        await using var cmd = db.Database.DataSource.CreateCommand($"select row_to_json(t)::text from {table} t order by row_to_json(t)::text");
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}

using Crm.Testing;
using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>
/// A backup restored into a fresh cluster (ops/backup, then ops/restore) is an event store that keeps working: the restored
/// checkpoints resume, new events sort after the restored ones, and projections see every event exactly once — the one that ran
/// before the backup and one that starts from zero on the restored copy.
/// </summary>
public sealed class restoring_a_backup(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_backup_restored_into_a_fresh_cluster_keeps_its_order_and_every_projection_sees_every_event_once()
    {
        // The events must be written in transactions a fresh cluster has not reached (it starts near 800): spend ids until so.
        while (await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select pg_current_xact_id()::text::bigint") < 5_000) { }
        var carts = Enumerable.Range(0, 30).Select(_ => Guid.CreateVersion7()).ToArray();
        await fixture.Store.AppendAsync(carts.Select(id => StreamAppend.Start(id, "cart", new ItemAdded("before", 1))).ToList());
        await using (var daemon = DaemonFactory.Create(fixture.Store, new RecorderProjection("before-backup")))
        {
            await daemon.StartAsync();
            await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        }
        var work = Directory.CreateTempSubdirectory("crm-restore-").FullName;
        // The cluster runs as an unprivileged user (ops/lib/postgres.sh), who must reach its data directory inside.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(work, (UnixFileMode)Convert.ToInt32("755", 8));
        var dataDir = Path.Combine(work, "cluster");
        // A grant names a role of this cluster (an analyst's, ops/analyst-role) that the fresh cluster lacks: the restore must not
        // stop at it (it restores no grants).
        var analyst = "rb_" + fixture.Database.Name;
        await Sql.ScalarAsync<int>(fixture.Database.DataSource, $"create role {analyst}; grant select on es.events to {analyst}; select 1");
        try
        {
            var dump = Path.Combine(work, "crm.dump");
            await OpsScript.RunAsync("ops/backup", new Dictionary<string, string?> { ["CRM_DATABASE"] = fixture.Database.ConnectionString }, dump);
            var restored = await OpsScript.RunAsync("ops/restore", new Dictionary<string, string?> { ["CRM_DATA_DIR"] = dataDir }, dump);
            Assert.Contains("moving the transaction counter", restored, StringComparison.Ordinal);
            var connection = restored.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]["CRM_DATABASE=".Length..];
            await using var dataSource = NpgsqlDataSource.Create(connection);
            await TransactionOrder.CheckAsync(dataSource);
            var store = new EventStore(dataSource, TestRegistry.Create());
            var oldNewest = await store.HeadPositionAsync();

            await store.AppendAsync(carts.Select(id => new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("after", 2)])).ToList());
            Assert.True((await store.HeadPositionAsync()).CompareTo(oldNewest) > 0, "a new event sorts after the restored ones");
            await using (var daemon = DaemonFactory.Create(store, new RecorderProjection("before-backup"), new RecorderProjection("after-restore")))
            {
                await daemon.StartAsync();
                await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
            }

            var feed = new List<Guid>();
            for (var after = GlobalPosition.Start; ;)
            {
                var page = await store.ReadFeedAsync(after, 1000);
                if (page.Count == 0) break;
                feed.AddRange(page.Where(e => e.Data is ItemAdded or ItemRemoved or CounterIncremented).Select(e => e.EventId));
                after = page[^1].Position;
            }
            Assert.Equal(60, feed.Count); // this class's database holds only these carts: 30 events restored, 30 after
            foreach (var projection in new[] { "before-backup", "after-restore" })
            {
                var seen = await Sql.ListAsync(dataSource, $"select event_id from test.seen where projection = '{projection}' order by ordinal", r => r.GetGuid(0));
                Assert.Equal(feed, seen);
            }
        }
        finally
        {
            await Sql.ScalarAsync<int>(fixture.Database.DataSource, $"drop owned by {analyst}; drop role {analyst}; select 1");
            await OpsScript.StopClusterAsync(dataDir);
            Directory.Delete(work, recursive: true);
        }
    }
}

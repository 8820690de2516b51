using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>
/// An append's guard (issue 10): locks taken and facts re-read inside the append's own transaction, so a
/// rule across streams holds with one connection per command instead of a lock held on a second one.
/// </summary>
public sealed class append_guards(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;

    [Fact]
    public async Task a_guard_whose_facts_changed_writes_nothing_and_says_so()
    {
        var id = Guid.CreateVersion7();
        var guard = new AppendGuard(["cart:" + id], (_, _, _) => Task.FromResult(false));

        await Assert.ThrowsAsync<FactsChangedException>(() =>
            Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("refused", 1)), new AppendOptions { Guard = guard }));

        Assert.Equal(0L, await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from es.streams where stream_id = @id", ("id", id)));
    }

    [Fact]
    public async Task appends_sharing_a_lock_name_see_each_others_commits_so_only_one_passes_a_check_then_append_rule()
    {
        // The rule: at most one "slot" event per marker. Each append checks it under the lock, in its own transaction.
        var marker = "slot-" + Guid.NewGuid().ToString("N");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var guard = new AppendGuard(["marker:" + marker, "other:" + Guid.NewGuid()], async (connection, tx, ct) =>
            {
                await using var cmd = new NpgsqlCommand("select count(*) from es.events where data->>'name' = @m", connection, tx);
                cmd.Parameters.AddWithValue("m", marker);
                return (long)(await cmd.ExecuteScalarAsync(ct))! == 0;
            });
            try
            {
                await Store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded(marker, 1)), new AppendOptions { Guard = guard });
                return true;
            }
            catch (FactsChangedException)
            {
                return false;
            }
        })));

        Assert.Equal(1, results.Count(passed => passed));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from es.events where data->>'name' = @m", ("m", marker)));
    }

    [Fact]
    public async Task the_guards_locks_end_with_the_append_so_the_next_append_with_the_same_name_is_not_kept_waiting()
    {
        var name = "lock-" + Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            var guard = new AppendGuard([name], (_, _, _) => Task.FromResult(true));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await Store.AppendAsync(
                StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded(name, i)), new AppendOptions { Guard = guard }, timeout.Token);
        }
        Assert.Equal(0L, await Sql.ScalarAsync<long>(fixture.Database.DataSource,
            "select count(*) from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())"));
    }
}

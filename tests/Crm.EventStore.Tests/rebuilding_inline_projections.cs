using Crm.EventStore.Projections;
using Crm.EventStore.Rebuilds;

namespace Crm.EventStore.Tests;

/// <summary>
/// Blue/green rebuilds of an inline projection (Rebuilds/ShadowRebuild.cs): shadow tables built from the feed while appends go on,
/// swapped in under the inline gate. The live table's guard trigger refuses any write made while a shadow is being built, so a
/// statement that escaped the redirection fails the rebuild instead of passing unnoticed.
/// </summary>
public sealed class rebuilding_inline_projections(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private static readonly ShadowRebuildOptions SmallBatches = new() { BatchSize = 25 };

    public async Task InitializeAsync() => await Sql.ScalarAsync<int>(fixture.Database.DataSource,
        """
        create or replace function test.refuse_during_shadow_build() returns trigger language plpgsql as $$
        begin
            if current_setting('crm.shadow_build', true) = 'on' then raise exception 'a live table was written while a shadow was built'; end if;
            return null;
        end $$;
        create or replace function test.guard_carts() returns int language plpgsql as $$
        begin
            drop trigger if exists refuse_during_shadow_build on test.carts;
            create trigger refuse_during_shadow_build before insert or update or delete on test.carts
                for each statement execute function test.refuse_during_shadow_build();
            return 1;
        end $$;
        select test.guard_carts();
        """);

    public Task DisposeAsync() => Task.CompletedTask;

    private EventStore InlineStore(IProjection? carts = null) =>
        new(fixture.Database.DataSource, TestRegistry.Create(), [carts ?? new CartProjection()]);

    [Fact]
    public async Task a_quiet_rebuild_equals_the_incremental_table_with_its_index_names_comment_and_grants()
    {
        var store = InlineStore();
        await SeedAsync(store, carts: 40, rounds: 8);
        await Sql.ScalarAsync<int>(fixture.Database.DataSource,
            """
            create index if not exists carts_by_quantity on test.carts (quantity) where items > 0;
            comment on table test.carts is 'Carts, one row per stream (it''s a test)';
            do $$ begin if not exists (select from pg_roles where rolname = 'cart_reader') then create role cart_reader; end if; end $$;
            grant select on test.carts to cart_reader;
            select 1
            """);
        var before = await CartsAsync();
        var indexes = await IndexesAsync();

        await new InlineRebuilds(store, SmallBatches).RebuildAsync("carts");

        Assert.Equal(before, await CartsAsync());
        Assert.Equal(indexes, await IndexesAsync());
        Assert.Contains(indexes, i => i.StartsWith("carts_by_quantity CREATE INDEX carts_by_quantity ON test.carts", StringComparison.Ordinal));
        Assert.Equal("Carts, one row per stream (it's a test)",
            await Sql.ScalarAsync<string>(fixture.Database.DataSource, "select obj_description('test.carts'::regclass, 'pg_class')"));
        Assert.True(await Sql.ScalarAsync<bool>(fixture.Database.DataSource, "select has_table_privilege('cart_reader', 'test.carts', 'select')"));
        var status = Assert.Single(await new InlineRebuilds(store).StatusAsync(["carts"], default));
        Assert.Equal(("running", true), (status.Status, status.Inline));
        Assert.True(status.EventsProcessed >= 320, $"{status.EventsProcessed} events applied");
        // The shadow is gone: moved into place, not copied.
        Assert.False(await Sql.ScalarAsync<bool>(fixture.Database.DataSource, "select to_regclass('test_rebuild.carts') is not null"));
    }

    [Fact]
    public async Task a_rebuild_under_concurrent_appends_loses_and_doubles_nothing_and_readers_never_see_a_partial_table()
    {
        var store = InlineStore();
        var carts = await SeedAsync(store, carts: 30, rounds: 20);
        await Sql.ScalarAsync<int>(fixture.Database.DataSource, "select test.guard_carts()");
        var rowsBefore = (await CartsAsync()).Count;
        var eventsBefore = await EventCountAsync();

        using var stop = new CancellationTokenSource();
        var appended = 0;
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                // Existing carts change and new ones appear while the shadow is built and swapped.
                var id = i % 5 == 0 ? Guid.CreateVersion7() : carts[(w * 7 + i) % carts.Count];
                await store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Any, [new ItemAdded($"w{w}-{i}", 1)]));
                Interlocked.Increment(ref appended);
            }
        })).ToList();
        var fewest = int.MaxValue;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var rows = await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from test.carts");
                fewest = Math.Min(fewest, (int)rows);
            }
        });

        while (Volatile.Read(ref appended) < 20) await Task.Delay(10);
        await new InlineRebuilds(store, SmallBatches).RebuildAsync("carts");
        var duringRebuild = await EventCountAsync() - eventsBefore;
        while (Volatile.Read(ref appended) < duringRebuild + 20) await Task.Delay(10); // appends after the swap land in the new table
        await stop.CancelAsync();
        await Task.WhenAll([.. writers, reader]);

        var afterSwap = await CartsAsync();
        await new InlineRebuilds(store, SmallBatches).RebuildAsync("carts");
        Assert.Equal(await CartsAsync(), afterSwap);
        Assert.True(duringRebuild > 20, $"only {duringRebuild} events were appended around the rebuild");
        Assert.True(fewest >= rowsBefore, $"a reader saw {fewest} rows of the {rowsBefore} there were");
        // Every event counted once: the quantities sum to the events' quantities.
        Assert.Equal(await Sql.ScalarAsync<long>(fixture.Database.DataSource,
                "select coalesce(sum((data->>'quantity')::bigint), 0)::bigint from es.events where event_type = 'test.item-added'"),
            await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select sum(quantity)::bigint from test.carts"));
    }

    [Fact]
    public async Task a_failed_rebuild_leaves_the_live_table_serving_and_says_why()
    {
        var store = InlineStore();
        await store.AppendAsync(new StreamAppend(Guid.CreateVersion7(), "cart", ExpectedVersion.Any, [new ItemAdded("trips the rebuild", 1)]));
        var before = await CartsAsync();
        var failing = InlineStore(new FailingOn("trips the rebuild"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new InlineRebuilds(failing, SmallBatches).RebuildAsync("carts"));

        Assert.Contains("refuses", error.Message);
        Assert.Equal(before, await CartsAsync());
        var status = Assert.Single(await new InlineRebuilds(store).StatusAsync(["carts"], default));
        Assert.Equal("failed", status.Status);
        Assert.Contains("refuses", status.LastError);
        // Appends go on, inline, into the table that was never touched; the next rebuild starts afresh and succeeds.
        var id = Guid.CreateVersion7();
        await store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Any, [new ItemAdded("after", 3)]));
        Assert.Contains(await CartsAsync(), row => row.StartsWith($"{id}|1|3|", StringComparison.Ordinal));
        await new InlineRebuilds(store, SmallBatches).RebuildAsync("carts");
    }

    [Fact]
    public async Task a_rebuild_asked_for_is_carried_out_by_a_running_daemon()
    {
        var store = InlineStore();
        await SeedAsync(store, carts: 5, rounds: 3);
        var before = await CartsAsync();
        await using var daemon = new Daemon.ProjectionDaemon(store, [], DaemonFactory.FastOptions with { ShadowRebuild = SmallBatches });
        Assert.Contains("carts", daemon.ProjectionNames);
        await daemon.StartAsync();

        Assert.True(await daemon.RequestRebuildAsync("carts"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await daemon.StatusAsync("carts")).Status != "running" || await StatusRowAsync() != "running")
        {
            Assert.True(DateTime.UtcNow < deadline, "the daemon did not carry the rebuild out");
            await Task.Delay(50);
        }
        Assert.Equal(before, await CartsAsync());
        Assert.Empty(await daemon.DeadLettersAsync("carts"));
    }

    [Fact]
    public async Task a_swap_whose_tail_is_longer_than_its_limit_lets_the_gate_go_catches_up_and_swaps_on_a_later_attempt()
    {
        var store = InlineStore();
        var carts = await SeedAsync(store, carts: 6, rounds: 3);
        var attempts = 0;
        List<string> expected = [];
        var options = SmallBatches with
        {
            SwapTailLimit = 3,
            // Between the last catch-up and the first swap: ten events the swap would have to apply under the gate.
            BeforeSwap = async ct =>
            {
                if (++attempts > 1) return;
                foreach (var id in carts.Take(5))
                    await store.AppendAsync([new StreamAppend(id, "cart", ExpectedVersion.Any, [new ItemAdded("late", 1), new ItemAdded("later", 1)])], ct: ct);
                expected = await CartsAsync(); // the live table, written inline: every event
            },
        };

        await new InlineRebuilds(store, options).RebuildAsync("carts");

        // At least one attempt more: a transaction elsewhere in the cluster can hold the feed's horizon back, so a catch-up may not
        // see the late events at once (the attempts back off meanwhile); the swap then applies them under the gate.
        Assert.InRange(attempts, 2, SmallBatches.SwapAttempts);
        Assert.Equal(expected, await CartsAsync());
        Assert.Contains(expected, row => row.EndsWith(",late,later", StringComparison.Ordinal));
    }

    private Task<string?> StatusRowAsync() =>
        Sql.ScalarAsync<string?>(fixture.Database.DataSource, "select status from es.shadow_rebuilds where projection = 'carts'");

    private static async Task<List<Guid>> SeedAsync(EventStore store, int carts, int rounds)
    {
        var ids = Enumerable.Range(0, carts).Select(_ => Guid.CreateVersion7()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            await Task.WhenAll(ids.Select((id, i) => store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Any,
                round % 4 == 3 ? [new ItemRemoved($"r{round}")] : [new ItemAdded($"i{round}", i + round)]))));
        }
        return ids;
    }

    private Task<long> EventCountAsync() => Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from es.events");

    private Task<List<string>> CartsAsync() =>
        Sql.ListAsync(fixture.Database.DataSource, "select stream_id, items, quantity, last_version, names from test.carts order by stream_id",
            r => $"{r.GetGuid(0)}|{r.GetInt32(1)}|{r.GetInt32(2)}|{r.GetInt64(3)}|{r.GetString(4)}");

    private Task<List<string>> IndexesAsync() =>
        Sql.ListAsync(fixture.Database.DataSource,
            "select indexname || ' ' || indexdef from pg_indexes where schemaname = 'test' and tablename = 'carts' order by indexname",
            r => r.GetString(0));

    /// <summary>The carts projection, but one event makes it throw: a bug met only by a rebuild (the event came before it).</summary>
    private sealed class FailingOn(string name) : IProjection
    {
        private readonly CartProjection carts = new();
        public string Name => carts.Name;
        public IReadOnlyCollection<Type> EventTypes => carts.EventTypes;
        public IReadOnlyList<string> Tables => carts.Tables;

        public Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct) =>
            events.Any(e => e.Data is ItemAdded a && a.Name == name)
                ? throw new InvalidOperationException($"the projection refuses '{name}'")
                : carts.ApplyAsync(events, context, ct);

        public Task ResetAsync(ProjectionContext context, CancellationToken ct) => carts.ResetAsync(context, ct);
    }
}

using Crm.EventStore.Daemon;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>
/// The daemon's answer to a failing event depends on the cause (docs/event-store.md, "Failures and dead letters"): a transient failure
/// is retried until it passes, a poison event is dead-lettered alone, a run of them or a database that disagrees with the code stops the
/// projection without skipping anything, and a stopped projection is tried again by another build or a node started later.
/// </summary>
public sealed class failure_policy(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_transient_failure_is_retried_past_every_attempt_limit_and_never_dead_lettered()
    {
        var store = fixture.Store;
        var flaky = Guid.CreateVersion7();
        var failures = 0;
        var projection = new RecorderProjection("flaky", trouble: e =>
            e.StreamId == flaky && Interlocked.Increment(ref failures) <= 40
                ? new PostgresException("could not serialize access", "ERROR", "ERROR", "40001")
                : null);
        Guid[] streams = [Guid.CreateVersion7(), flaky, Guid.CreateVersion7()];
        foreach (var stream in streams) await store.AppendAsync(StreamAppend.Start(stream, "cart", new ItemAdded("flaky", 1)));
        await using var daemon = DaemonFactory.Create(store, projection);

        await daemon.StartAsync();
        // While it retries, the status says what: the lead is kept (no re-leading), the checkpoint waits.
        await WaitUntilAsync(async () => (await daemon.StatusAsync()).Single().LastError?.Contains("retrying test.item-added") == true);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));

        Assert.True(failures > 40, $"only {failures} failures: the test did not exercise retries past MaxAttempts");
        Assert.Equal(streams.Order(), (await SeenStreamsAsync("flaky")).Where(streams.Contains).Order());
        var status = Assert.Single(await daemon.StatusAsync());
        Assert.Equal(("running", 0L, null), (status.Status, status.DeadLetters, status.LastError));
    }

    [Fact]
    public async Task poison_events_in_a_row_stop_the_projection_without_skipping_them()
    {
        var store = fixture.Store;
        var fine = Guid.CreateVersion7();
        await store.AppendAsync(StreamAppend.Start(fine, "cart", new ItemAdded("fine", 1)));
        var poison = new List<Guid>();
        for (var i = 0; i < DaemonFactory.FastOptions.PoisonLimit; i++)
        {
            poison.Add(Guid.CreateVersion7());
            await store.AppendAsync(StreamAppend.Start(poison[^1], "cart", new ItemAdded("poison", 1)));
        }
        var after = Guid.CreateVersion7();
        await store.AppendAsync(StreamAppend.Start(after, "cart", new ItemAdded("after", 1)));
        await using var daemon = DaemonFactory.Create(store, new RecorderProjection("run", trouble: e => poison.Contains(e.StreamId) ? new FormatException("bad") : null));
        await FeedHorizon.CoversHeadAsync(store); // the run in one batch: none of it is dead-lettered

        await daemon.StartAsync();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("3 events in a row failed every attempt", failure.Message);
        Assert.Equal([fine], (await SeenStreamsAsync("run")).Where(s => s == fine || s == after || poison.Contains(s)));
        var status = Assert.Single(await daemon.StatusAsync());
        Assert.Equal(("failed", 0L, 4L), (status.Status, status.DeadLetters, status.EventsBehind));
    }

    [Fact]
    public async Task a_poison_event_arriving_one_at_a_time_stops_the_projection_at_the_limit_instead_of_dead_lettering_each()
    {
        var store = fixture.Store;
        await using var daemon = DaemonFactory.Create(store, new RecorderProjection("storm", trouble: e => e.Data is ItemAdded { Name: "storm" } ? new FormatException("bad") : null));
        await daemon.StartAsync();

        // Each poison event comes in a batch of its own; the run is counted across batches.
        for (var i = 0; i < DaemonFactory.FastOptions.PoisonLimit + 2; i++)
        {
            await store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("storm", 1)));
            await WaitUntilAsync(async () => (await daemon.StatusAsync()).Single() is { EventsBehind: 0 } or { Status: "failed" });
        }

        var status = Assert.Single(await daemon.StatusAsync());
        Assert.Equal(("failed", DaemonFactory.FastOptions.PoisonLimit - 1L), (status.Status, status.DeadLetters));
        Assert.Equal(3L, status.EventsBehind); // the one that reached the limit, and the two after it
    }

    [Fact]
    public async Task a_database_that_disagrees_with_the_code_stops_the_projection_at_once()
    {
        var store = fixture.Store;
        var missingColumn = Guid.CreateVersion7();
        var tries = 0;
        var projection = new RecorderProjection("schema", extraSql: e =>
        {
            if (e.StreamId != missingColumn) return null;
            Interlocked.Increment(ref tries);
            return "select no_such_column from test.seen";
        });
        await store.AppendAsync(StreamAppend.Start(missingColumn, "cart", new ItemAdded("old code", 1)));
        await using var daemon = DaemonFactory.Create(store, projection);

        await daemon.StartAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, tries); // no retries, no isolation: every event would fail the same way
        var status = Assert.Single(await daemon.StatusAsync());
        // Stopped before the batch that failed (other tests' events may share it), nothing dead-lettered.
        Assert.Equal(("failed", 0L), (status.Status, status.DeadLetters));
        Assert.InRange(status.EventsBehind, 1, 100);
        Assert.DoesNotContain(missingColumn, await SeenStreamsAsync("schema"));
        Assert.Contains("no_such_column", status.LastError);
    }

    [Fact]
    public async Task a_stopped_projection_waits_on_its_own_build_and_is_tried_again_by_another_build_or_a_later_start()
    {
        var store = fixture.Store;
        var broken = true;
        var streams = new List<Guid>();
        IProjection Projection() => new RecorderProjection("fixable", trouble: e => broken && e.Data is ItemAdded { Name: "fixable" } ? new FormatException("bad") : null);
        async Task AppendRunAsync()
        {
            for (var i = 0; i < DaemonFactory.FastOptions.PoisonLimit; i++)
            {
                streams.Add(Guid.CreateVersion7());
                await store.AppendAsync(StreamAppend.Start(streams[^1], "cart", new ItemAdded("fixable", 1)));
            }
        }
        await AppendRunAsync();
        await FeedHorizon.CoversHeadAsync(store);
        var v1 = DaemonFactory.FastOptions with { Build = "v1" };
        await using var first = DaemonFactory.Create(store, v1, Projection());
        await first.StartAsync();
        await WaitUntilAsync(async () => (await first.StatusAsync()).Single().Status == "failed");

        // The same build, still running, does not try again: several stand-down intervals later it is still failed.
        broken = false;
        await Task.Delay(DaemonFactory.FastOptions.StandDownInterval * 4);
        Assert.Equal("failed", (await first.StatusAsync()).Single().Status);
        // It let go of the lead: it takes it back only for a moment each stand-down interval, to look at the checkpoint again.
        await WaitUntilAsync(() => Task.FromResult(first.LeaderProcessId("fixable") is null));

        // Another build (a fix deployed) tries again at once and projects every event, none skipped.
        await using var second = DaemonFactory.Create(store, DaemonFactory.FastOptions with { Build = "v2" }, Projection());
        await second.StartAsync();
        await WaitUntilAsync(async () => (await second.StatusAsync()).Single().Status == "running");
        await second.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(streams.Order(), (await SeenStreamsAsync("fixable")).Where(streams.Contains).Order());
        await first.StopAsync();
        await second.StopAsync();

        // The same build started after a failure (a restart) tries once more too.
        broken = true;
        await AppendRunAsync();
        await FeedHorizon.CoversHeadAsync(store);
        await using (var third = DaemonFactory.Create(store, v1, Projection()))
        {
            await third.StartAsync();
            await WaitUntilAsync(async () => (await third.StatusAsync()).Single().Status == "failed");
        }
        broken = false;
        await using var restarted = DaemonFactory.Create(store, v1, Projection());
        await restarted.StartAsync();
        await WaitUntilAsync(async () => (await restarted.StatusAsync()).Single().Status == "running");
        await restarted.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(streams.Order(), (await SeenStreamsAsync("fixable")).Where(streams.Contains).Order());
    }

    [Fact]
    public async Task two_builds_that_both_fail_at_a_checkpoint_each_try_once_and_do_not_take_turns_for_ever()
    {
        var store = fixture.Store;
        var tries = 0;
        var streams = new List<Guid>();
        IProjection Projection() => new RecorderProjection("two-builds", trouble: e =>
        {
            if (!streams.Contains(e.StreamId)) return null;
            Interlocked.Increment(ref tries);
            return new FormatException("bad in both builds");
        });
        for (var i = 0; i < DaemonFactory.FastOptions.PoisonLimit; i++)
        {
            streams.Add(Guid.CreateVersion7());
            await store.AppendAsync(StreamAppend.Start(streams[^1], "cart", new ItemAdded("two builds", 1)));
        }
        await FeedHorizon.CoversHeadAsync(store);
        await using var v1 = DaemonFactory.Create(store, DaemonFactory.FastOptions with { Build = "v1" }, Projection());
        await v1.StartAsync();
        await WaitUntilAsync(async () => (await v1.StatusAsync()).Single().Status == "failed");
        await using var v2 = DaemonFactory.Create(store, DaemonFactory.FastOptions with { Build = "v2" }, Projection());
        await v2.StartAsync();
        await WaitUntilAsync(async () => await Sql.ScalarAsync<string>(fixture.Database.DataSource,
            "select coalesce(failed_by, '') from es.projection_checkpoints where name = 'two-builds'") == "v1 v2");

        var settled = tries;
        await Task.Delay(DaemonFactory.FastOptions.StandDownInterval * 5);
        Assert.Equal(settled, tries);
        Assert.Equal("failed", (await v2.StatusAsync()).Single().Status);
    }

    [Fact]
    public async Task dead_letters_outlive_a_rebuild_which_resolves_those_whose_events_now_apply()
    {
        var store = fixture.Store;
        var broken = true;
        var poison = Guid.CreateVersion7();
        await using var daemon = DaemonFactory.Create(store,
            new RecorderProjection("replay", trouble: e => broken && e.StreamId == poison ? new FormatException("bad") : null));
        var fine = Guid.CreateVersion7();
        await store.AppendAsync(StreamAppend.Start(fine, "cart", new ItemAdded("fine", 1)));
        await store.AppendAsync(StreamAppend.Start(poison, "cart", new ItemAdded("poison", 1)));
        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1L, (await daemon.StatusAsync()).Single().DeadLetters);

        broken = false; // the bug is fixed; a rebuild replays the dead-lettered event in its place in the order
        await daemon.RebuildAsync("replay");

        Assert.Equal(new[] { fine, poison }.Order(), (await SeenStreamsAsync("replay")).Where(s => s == fine || s == poison).Order());
        Assert.Equal(0L, (await daemon.StatusAsync()).Single().DeadLetters);
        Assert.Equal((poison, true), (await Sql.ListAsync(fixture.Database.DataSource,
            "select stream_id, resolved_at is not null from es.projection_dead_letters where projection = 'replay'",
            r => (r.GetGuid(0), r.GetBoolean(1)))).Single());
    }

    private async Task<List<Guid>> SeenStreamsAsync(string projection) =>
        await Sql.ListAsync(fixture.Database.DataSource, $"select stream_id from test.seen where projection = '{projection}' order by ordinal",
            r => r.GetGuid(0));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(20);
        }
    }
}

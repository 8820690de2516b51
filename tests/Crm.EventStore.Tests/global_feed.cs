using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore.Tests;

public sealed class global_feed(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;

    [Fact]
    public async Task the_feed_is_resumable_from_any_position_it_handed_out()
    {
        var start = await Store.HeadPositionAsync();
        var id = Guid.CreateVersion7();
        await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("1", 1), new ItemAdded("2", 1)));
        await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(2), [new ItemAdded("3", 1)]));

        var all = await FeedOfAsync(start, id, count: 3);
        Assert.Equal([1L, 2L, 3L], all.Select(e => e.Version));

        Assert.True(GlobalPosition.TryParse(all[0].Position.ToString(), out var resumeAt));
        var rest = await FeedOfAsync(resumeAt, id, count: 2);
        Assert.Equal([2L, 3L], rest.Select(e => e.Version));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("zz-1")]
    [InlineData("1--1")]
    public void a_malformed_position_does_not_parse(string text) => Assert.False(GlobalPosition.TryParse(text, out _));

    [Fact]
    public async Task events_committed_behind_a_transaction_still_in_flight_wait_for_it()
    {
        var start = await Store.HeadPositionAsync();
        var early = Guid.CreateVersion7();
        var late = Guid.CreateVersion7();

        // The "early" append takes its transaction id first and commits last.
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand(
            """
            select es.append_events(array[@id], array['cart'], array[0::bigint], array[1], array[@eid], array['test.item-added'],
                   array[1], array['{"name":"early","quantity":1}'::jsonb], array['{}'::jsonb], null, null, null, null)
            """, connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", early));
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("eid", Guid.CreateVersion7()));
            await cmd.ExecuteNonQueryAsync();
        }
        await Store.AppendAsync(StreamAppend.Start(late, "cart", new ItemAdded("late", 1)));

        var whileInFlight = await Store.ReadFeedAsync(start, 100);
        Assert.DoesNotContain(whileInFlight, e => e.StreamId == late || e.StreamId == early);

        await tx.CommitAsync();
        var afterCommit = await FeedOfAsync(start, early, late, count: 2);
        Assert.Equal([early, late], afterCommit.Select(e => e.StreamId));
    }

    [Fact]
    public async Task a_rolled_back_append_never_reaches_the_feed()
    {
        var start = await Store.HeadPositionAsync();
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [new SaboteurProjection()]);
        var doomed = Guid.CreateVersion7();
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(StreamAppend.Start(doomed, "cart", new ItemAdded("doomed", 1))));
        var kept = Guid.CreateVersion7();
        await store.AppendAsync(StreamAppend.Start(kept, "cart", new ItemAdded("kept", 1)));

        var feed = await FeedOfAsync(start, kept, doomed, count: 1);
        Assert.Equal(kept, Assert.Single(feed).StreamId);
    }

    // The feed holds events back while any transaction of the cluster that started earlier is still
    // running (other test classes share the server), so tests wait until the events they expect show up.
    private async Task<List<StoredEvent>> FeedOfAsync(GlobalPosition after, Guid stream, int count) => await FeedOfAsync(after, stream, stream, count);

    private async Task<List<StoredEvent>> FeedOfAsync(GlobalPosition after, Guid a, Guid b, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var events = (await Store.ReadFeedAsync(after, 10_000)).Where(e => e.StreamId == a || e.StreamId == b).ToList();
            if (events.Count >= count || DateTime.UtcNow > deadline) return events;
            await Task.Delay(20);
        }
    }
}

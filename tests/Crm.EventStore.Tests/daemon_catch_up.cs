namespace Crm.EventStore.Tests;

/// <summary>
/// A projection far behind catches up in rebuild-sized pages, the next page read on a second connection while the current one
/// is applied. Whatever the overlap, it must see every event once and in feed order, also those appended while it catches up.
/// </summary>
public sealed class daemon_catch_up(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_projection_far_behind_sees_every_event_once_in_feed_order_while_more_arrive()
    {
        var name = "catch-up-" + Guid.NewGuid().ToString("N")[..8];
        var start = await fixture.Store.HeadPositionAsync();
        var streams = Enumerable.Range(0, 300).Select(_ => Guid.CreateVersion7()).ToArray();
        // 300 streams × 8 events: many full pages of 500 before the daemon starts.
        for (var round = 0; round < 8; round++)
        {
            await fixture.Store.AppendAsync(streams.Select(id =>
                new StreamAppend(id, "cart", round == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(round), [new ItemAdded($"r{round}", 1)])).ToList());
        }

        await using var daemon = DaemonFactory.Create(fixture.Store, new RecorderProjection(name));
        await daemon.StartAsync();
        var late = Guid.CreateVersion7();
        for (var i = 0; i < 20; i++)
            await fixture.Store.AppendAsync(new StreamAppend(late, "cart", i == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(i), [new ItemAdded("late", 1)]));
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));

        var feed = new List<Guid>();
        for (var after = start; ;)
        {
            var page = await fixture.Store.ReadFeedAsync(after, 1000);
            if (page.Count == 0) break;
            feed.AddRange(page.Where(e => e.Data is ItemAdded).Select(e => e.EventId));
            after = page[^1].Position;
        }
        var seen = await Sql.ListAsync(fixture.Database.DataSource,
            $"select event_id from test.seen where projection = '{name}' order by ordinal", r => r.GetGuid(0));
        Assert.Equal(300 * 8 + 20, seen.Count);
        Assert.Equal(feed, seen);
    }
}

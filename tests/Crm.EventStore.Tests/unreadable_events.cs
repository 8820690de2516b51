namespace Crm.EventStore.Tests;

/// <summary>
/// A stored event this build cannot deserialize (its data does not fit the record). The feed deserializes rows while reading them;
/// such a row must still reach the runner's retries and dead letters, not stop the projection on every read. Its own database: the
/// row would poison other tests' projections. (An event of a newer schema version is another matter: events_of_a_newer_build.)
/// </summary>
public sealed class unreadable_events(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task catch_up_dead_letters_an_event_it_cannot_read_and_projects_the_rest()
    {
        var store = fixture.Store;
        var before = Guid.CreateVersion7();
        var unreadable = Guid.CreateVersion7();
        var after = Guid.CreateVersion7();
        await store.AppendAsync(StreamAppend.Start(before, "cart", new ItemAdded("fine", 1)));
        await StoreUnreadableEventAsync(unreadable);
        await store.AppendAsync(StreamAppend.Start(after, "cart", new ItemAdded("fine", 1)));
        await using var daemon = DaemonFactory.Create(store, new RecorderProjection("reader"));

        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));

        var seen = await Sql.ListAsync(fixture.Database.DataSource, "select stream_id from test.seen where projection = 'reader'", r => r.GetGuid(0));
        Assert.Equal(new[] { before, after }.Order(), seen.Order());
        var status = Assert.Single(await daemon.StatusAsync());
        Assert.Equal((1L, 0L), (status.DeadLetters, status.EventsBehind));
        Assert.Equal(unreadable, await Sql.ScalarAsync<Guid>(fixture.Database.DataSource,
            "select stream_id from es.projection_dead_letters where projection = 'reader'"));

        // A rebuild meets it again: one dead letter (still open, its attempt recorded again), the rest projected once.
        var firstFailure = await Sql.ScalarAsync<DateTime>(fixture.Database.DataSource,
            "select failed_at from es.projection_dead_letters where projection = 'reader'");
        await daemon.RebuildAsync("reader");
        seen = await Sql.ListAsync(fixture.Database.DataSource, "select stream_id from test.seen where projection = 'reader'", r => r.GetGuid(0));
        Assert.Equal(new[] { before, after }.Order(), seen.Order());
        status = Assert.Single(await daemon.StatusAsync());
        Assert.Equal(("running", 1L), (status.Status, status.DeadLetters));
        Assert.True(await Sql.ScalarAsync<DateTime>(fixture.Database.DataSource,
            "select failed_at from es.projection_dead_letters where projection = 'reader'") > firstFailure);
    }

    private async Task StoreUnreadableEventAsync(Guid streamId)
    {
        await Sql.ScalarAsync<int>(fixture.Database.DataSource,
            """
            with started as (insert into es.streams (stream_id, stream_type, version) values (@s, 'cart', 1) returning 1)
            insert into es.events (event_id, stream_id, version, event_type, schema_version, data)
            select gen_random_uuid(), @s, 1, 'test.item-added', 1, '{"name":"not a number","quantity":"lots"}' from started
            returning 1
            """, ("s", streamId));
    }
}

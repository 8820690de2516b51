namespace Crm.EventStore.Tests;

/// <summary>Operators list the read models (ops/rebuild --list) before any daemon ran on a database: each shows, at the start.</summary>
public sealed class status_before_any_start(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_projection_no_daemon_has_started_reports_itself_at_the_start_with_everything_behind()
    {
        await fixture.Store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("unstarted", 1)));
        await using var daemon = DaemonFactory.Create(fixture.Store, new RecorderProjection("never-started"));

        var status = Assert.Single(await daemon.StatusAsync());

        Assert.Equal(("never-started", "running", GlobalPosition.Start, 0L, 1L),
            (status.Name, status.Status, status.Checkpoint, status.EventsProcessed, status.EventsBehind));
    }
}

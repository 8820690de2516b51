namespace Crm.EventStore.Tests;

public sealed class append_and_read(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;

    [Fact]
    public async Task a_new_stream_starts_at_version_one_and_reads_back_in_order()
    {
        var id = Guid.CreateVersion7();
        var result = await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("pen", 1), new ItemAdded("ink", 2)));
        Assert.Equal([2L], result.Versions);
        Assert.Equal(2, result.Sequences.Count);

        var events = await Store.ReadStreamAsync(id);
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
        Assert.Equal(new ItemAdded("ink", 2), events[1].Data);
        Assert.Equal("test.item-added", events[0].EventType);
    }
}

namespace Crm.EventStore.Tests;

public sealed class command_log(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;

    [Fact]
    public async Task a_keyed_append_can_be_found_by_its_key_with_its_stream_version_and_fingerprint()
    {
        var id = Guid.CreateVersion7();
        var key = Guid.NewGuid().ToString();
        await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("pen", 1)), new AppendOptions { IdempotencyKey = key, RequestHash = "h1" });

        var found = await Store.FindCommandAsync(key);

        Assert.NotNull(found);
        Assert.Equal([id], found.StreamIds);
        Assert.Equal([1L], found.Versions);
        Assert.Equal("h1", found.RequestHash);
    }

    [Fact]
    public async Task an_unknown_key_finds_nothing()
    {
        Assert.Null(await Store.FindCommandAsync(Guid.NewGuid().ToString()));
    }
}

namespace Crm.EventStore.Tests;

internal static class FeedHorizon
{
    /// <summary>
    /// Waits until the feed hands out every event committed so far. A transaction running anywhere in the cluster (another test
    /// class's database) holds the feed's horizon back for a moment; a test whose point is that several events arrive in one batch
    /// waits for this before its daemon reads them.
    /// </summary>
    public static async Task CoversHeadAsync(EventStore store)
    {
        var head = await store.HeadPositionAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await store.ReadFeedAsync(head with { Sequence = head.Sequence - 1 }, 10)).Any(e => e.Sequence == head.Sequence))
        {
            Assert.True(DateTime.UtcNow < deadline, "the feed never reached its head");
            await Task.Delay(10);
        }
    }
}

using Crm.EventStore.Subscriptions;

namespace Crm.EventStore.Tests;

/// <summary>Name-based ids are stored: the same name must give the same id in every build (values computed once, pinned).</summary>
public sealed class name_based_ids(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_keyed_appends_event_ids_come_from_its_key_and_their_place()
    {
        var key = "pinned-" + Guid.NewGuid();
        var result = await fixture.Store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("a", 1), new ItemAdded("b", 1)),
            new AppendOptions { IdempotencyKey = key });

        var ids = (await fixture.Store.ReadStreamAsync(Assert.Single(await fixture.Store.FindCommandAsync(key) is { } c ? c.StreamIds : [])))
            .Select(e => e.EventId).ToArray();
        Assert.Equal(2, result.Sequences.Count);
        Assert.Equal([NameBasedId.Of(System.Text.Encoding.UTF8.GetBytes($"{key}\n0")), NameBasedId.Of(System.Text.Encoding.UTF8.GetBytes($"{key}\n1"))], ids);
    }

    [Fact]
    public void the_same_names_give_the_pinned_ids()
    {
        Assert.Equal(Guid.Parse("b35d3693-38ed-8246-a228-44b56507ea3a"), NameBasedId.Of("key-1\n0"u8));
        Assert.Equal(Guid.Parse("b8d54de6-47c1-826c-870a-eead0666b84e"),
            Subscription.MessageId("notifications", 2, Guid.Parse("01234567-89ab-cdef-0123-456789abcdef")));
        var id = NameBasedId.Of("x"u8);
        Assert.Equal(8, id.Version);
        Assert.Equal(0b10, id.ToByteArray(bigEndian: true)[8] >> 6);
    }
}

namespace Crm.EventStore.Tests;

public sealed record ItemAdded(string Name, int Quantity);
public sealed record ItemRemoved(string Name);
public sealed record CounterIncremented(int By);

internal static class TestRegistry
{
    public static EventTypeRegistry Create() => new EventTypeRegistry()
        .Register<ItemAdded>("test.item-added")
        .Register<ItemRemoved>("test.item-removed")
        .Register<CounterIncremented>("test.counter-incremented");
}

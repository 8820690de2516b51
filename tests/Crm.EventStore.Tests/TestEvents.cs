namespace Crm.EventStore.Tests;

public sealed record ItemAdded(string Name, int Quantity);
public sealed record ItemRemoved(string Name);

/// <summary>An erasure event: the trigger on es.events lets masking through only in the transaction that appends one.</summary>
public sealed record CartPersonalDataErased(string Reason);
public sealed record CounterIncremented(int By);

internal static class TestRegistry
{
    public static EventTypeRegistry Create() => new EventTypeRegistry()
        .Register<ItemAdded>("test.item-added")
        .Register<ItemRemoved>("test.item-removed")
        .Register<CounterIncremented>("test.counter-incremented")
        .Register<CartPersonalDataErased>("test.personal-data-erased");
}

using Crm.EventStore;

namespace Crm.Benchmarks;

// Payloads shaped like the CRM's own events: a registration of ~400 bytes of JSON and orders of
// ~300, so row size and JSON cost resemble production rather than a 10-byte toy event.
public sealed record CustomerRegistered(
    string Name, string Email, string Phone, string Street, string City, string Country, Guid OwnerId, string Notes);

public sealed record OrderPlaced(Guid OrderId, decimal Amount, string Currency, string Sku, int Quantity, string Comment);

public static class Workload
{
    public const string StreamType = "customer";
    public const string RegisteredName = "customer.registered";
    public const string OrderPlacedName = "customer.order-placed";

    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<CustomerRegistered>(RegisteredName)
        .Register<OrderPlaced>(OrderPlacedName);

    public static CustomerRegistered Registered(int n) => new(
        $"Customer {n:D7} GmbH & Co. KG", $"contact{n}@customer-{n % 977}.example.com", $"+49 30 {n:D8}",
        $"Hauptstraße {n % 300 + 1}", "Berlin", "DE", OwnerId(n),
        "Met at the trade fair; interested in the premium plan, call back after the budget round in Q3.");

    /// <summary>Order amounts are a function of the stream version, so a fold can be checked against a formula.</summary>
    public static OrderPlaced Order(long version) => new(
        Guid.CreateVersion7(), AmountOf(version), "EUR", $"SKU-{version % 97:D4}-PRO", (int)(version % 5) + 1,
        "Delivery to the warehouse gate 3, invoice to accounting.");

    public static decimal AmountOf(long version) => 10m + version % 50 + 0.25m;

    /// <summary>The event at <paramref name="version"/> of a stream: a registration first, then orders.</summary>
    public static object EventAt(long version, int streamNumber) => version == 1 ? Registered(streamNumber) : Order(version);

    public static Guid OwnerId(int n) => new(n % 50, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);
}

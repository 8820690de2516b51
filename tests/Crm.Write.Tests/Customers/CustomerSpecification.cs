using Crm.Events;
using Crm.Events.Customers;
using Crm.Write.Customers;

namespace Crm.Write.Tests.Customers;

/// <summary>Given a customer's past events, when a command is decided, then these events (or this refusal).</summary>
internal static class CustomerSpecification
{
    public static readonly Guid Id = Guid.CreateVersion7();
    public static readonly Guid Owner = Guid.CreateVersion7();
    public static readonly Guid Colleague = Guid.CreateVersion7();
    public static readonly Guid Other = Guid.CreateVersion7();
    public static readonly DateTimeOffset Day0 = DateTimeOffset.Parse("2026-01-01T09:00:00Z");

    public static readonly CustomerFields Acme = new("Acme Ltd", Level: "B", Phone: "+86 10 1234 5678", Email: "info@acme.example", Tags: ["vip"]);

    public static CustomerCreated Created(DateTimeOffset? at = null) => new(Id, Acme, Owner, null, at ?? Day0);

    public static CustomerState Given(params object[] events) => Customer.Decider.Fold(Customer.Decider.Initial, events);

    /// <summary>Decisions made <paramref name="days"/> days after <see cref="Day0"/>.</summary>
    public static CommandContext OnDay(double days, Guid? actor = null) => new(actor ?? Owner, Day0.AddDays(days));
}

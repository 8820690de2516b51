using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Crm.Events;
using Crm.EventStore;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using Crm.Write.Leads;

namespace Crm.Write.Tests;

/// <summary>
/// The deciders whose commands load from snapshots keep their state as JSON: every member must read back as it was, or a command
/// would decide on a state its events never made. Each state here has every member set (checked by reflection, so a member added
/// later without a value here fails the test) and must come back equivalent and re-serialize to the same JSON.
/// </summary>
public sealed class snapshot_states
{
    private static readonly JsonSerializerOptions Json = new EventTypeRegistry().SerializerOptions;
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 30, 15, 123, TimeSpan.FromHours(8));

    [Fact]
    public void the_deciders_that_snapshot_are_the_ones_checked_here() =>
        Assert.Equal(
            [typeof(ContactState), typeof(CustomerState), typeof(LeadState)],
            new object[] { Customer.Decider, Lead.Decider, Contact.Decider, Crm.Write.Opportunities.Opportunity.Decider, Crm.Write.Contracts.Contract.Decider }
                .Where(d => d.GetType().GetProperty("Snapshots")!.GetValue(d) is not null)
                .Select(d => d.GetType().GetGenericArguments()[0]).OrderBy(t => t.Name));

    [Fact]
    public void a_customer_state_reads_back_as_it_was() => ReadsBack(CustomerState.None, CustomerState.None with
    {
        Exists = true,
        Id = Guid.CreateVersion7(),
        Fields = new CustomerFields("Acme 有限公司", "A", "Retail", "Web", "East", "No. 1 Road", "+86 10 1234", "a@acme.example", "acme.example",
            "remark", ["vip", "north"], JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["tier"] = "gold", ["seats"] = 12.5m })),
        OwnerId = Guid.CreateVersion7(),
        Locked = true,
        OwnedSince = At,
        LastFollowUpAt = At.AddDays(3),
        Team = ImmutableDictionary<Guid, string>.Empty.Add(Guid.CreateVersion7(), "read").Add(Guid.CreateVersion7(), "read-write"),
        LostBy = ImmutableDictionary<Guid, DateTimeOffset>.Empty.Add(Guid.CreateVersion7(), At.AddDays(-40)),
        LastWarning = new RecyclingWarning(Guid.CreateVersion7(), At.AddDays(7)),
        Erased = true,
        Archived = true,
        MergedInto = Guid.CreateVersion7(),
    });

    [Fact]
    public void a_lead_state_reads_back_as_it_was() => ReadsBack(LeadState.None, LeadState.None with
    {
        Exists = true,
        Id = Guid.CreateVersion7(),
        Fields = new LeadFields("Zhang San", "Acme", "+86 139", "z@acme.example", "fair", "Retail", "B", "No. 2 Road", "met at the fair"),
        OwnerId = Guid.CreateVersion7(),
        ConvertedTo = new LeadConvertedTo(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()),
        Erased = true,
    });

    [Fact]
    public void a_contact_state_reads_back_as_it_was() => ReadsBack(ContactState.None, ContactState.None with
    {
        Exists = true,
        Id = Guid.CreateVersion7(),
        CustomerId = Guid.CreateVersion7(),
        Fields = new ContactFields("Li Si", "Buyer", "+86 138", "li@acme.example", "No. 3 Road", "prefers mornings"),
        OwnerId = Guid.CreateVersion7(),
        Erased = true,
    });

    private static void ReadsBack<TState>(TState none, TState state)
    {
        EveryMemberSet(none, state);
        var json = JsonSerializer.Serialize(state, Json);
        var back = JsonSerializer.Deserialize<TState>(json, Json);
        Assert.Equivalent(state, back, strict: true);
        Assert.Equal(json, JsonSerializer.Serialize(back, Json));
    }

    /// <summary>Every public settable property of the state, and of the records in it, differs from the empty state's.</summary>
    private static void EveryMemberSet(object? none, object? state, string path = "")
    {
        if (state is null) Assert.Fail($"{path} is null");
        var type = state!.GetType();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // Computed properties (no setter, e.g. InPool) follow from the others.
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract" || property.SetMethod is null) continue;
            var (empty, value) = (none is null ? null : property.GetValue(none), property.GetValue(state));
            var name = $"{path}{property.Name}";
            if (value is not null && property.PropertyType.IsClass && property.PropertyType != typeof(string)
                && property.PropertyType.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) == true)
                EveryMemberSet(empty, value, name + ".");
            else Assert.False(Equals(empty, value) && value is not ImmutableDictionary<Guid, string> and not ImmutableDictionary<Guid, DateTimeOffset>,
                $"{name} is not set to something else than the empty state's: the test would not see it lost");
        }
    }
}

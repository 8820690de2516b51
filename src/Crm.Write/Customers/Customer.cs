using Crm.EventStore;
using Crm.Events.Customers;

namespace Crm.Write.Customers;

/// <summary>
/// The customer decider (CUS-1…7): one customer per stream. This file: create, edit, follow-ups;
/// the team, ownership and public pool rules live in the partial files next to it.
/// </summary>
public static partial class Customer
{
    public const string StreamType = "customer";

    public static Decider<CustomerState> Decider { get; } = new(StreamType, CustomerState.None, CustomerState.Evolve)
    {
        Snapshots = SnapshotPolicy.For<CustomerState>(),
    };

    public static Decision Decide(CreateCustomer command, CustomerState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("customer_exists", $"Customer {command.CustomerId} already exists.", "id");
        var (fields, invalid) = command.Fields.Validate();
        var (custom, refused) = Custom(command.Custom, command.Fields.Custom, null, invalid, create: true);
        if (refused is not null) return refused;
        fields = fields! with { Custom = custom };
        if (DuplicateCheck.Refusal(command.Duplicates, command.CreateAnyway, command.CustomerId) is { } duplicate) return duplicate;
        return Decision.Accept(new CustomerCreated(command.CustomerId, fields!, command.OwnerId, command.LeadId, context.Now));
    }

    public static Decision Decide(EditCustomer command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        var (fields, invalid) = command.Fields.Over(state.Fields).Validate();
        var (custom, refused) = Custom(command.Custom, command.Fields.Custom, state.Fields.Custom, invalid, create: false);
        if (refused is not null) return refused;
        var changes = state.Fields.ChangesTo(fields! with { Custom = custom });
        return changes.Count == 0 ? Decision.Nothing : Decision.Accept(new CustomerEdited(state.Id, changes));
    }

    public static Decision Decide(FollowUpCustomer command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (FollowUpRules.Check(FollowUpRules.CustomerKinds, command.Kind, command.Content, command.NextContactAt, context.Now) is { } invalid) return invalid;
        return Decision.Accept(
            new CustomerFollowedUp(state.Id, command.FollowUpId, command.Kind!, command.Content!.Trim(), command.NextContactAt, context.Now));
    }

    /// <summary>
    /// The custom object after the write (SET-1), or the refusal: the built-in fields' and the custom values' faults together in one 400,
    /// else a unique value taken (409). Without facts (a write that does not set custom values) the object stays as it is.
    /// </summary>
    private static (System.Text.Json.JsonElement? Custom, DomainError? Error) Custom(
        CustomFields.CustomFacts? facts, System.Text.Json.JsonElement? sent, System.Text.Json.JsonElement? current, DomainError? invalid, bool create)
    {
        if (facts is null) return (current, invalid);
        var (custom, conflict, errors) = facts.Apply(sent, current, create);
        if (errors.Count == 0) return invalid is null ? (custom, conflict) : (null, invalid);
        return (null, DomainError.Invalid([.. invalid?.Errors ?? [], .. errors]));
    }

    private static DomainError NotFound(Guid id) => DomainError.NotFound("customer_not_found", $"Customer {id} does not exist.");

    private static DomainError InPool(Guid id) =>
        DomainError.Conflict("customer_in_pool", $"Customer {id} is in the public pool: claim or assign it instead.");
}

using Crm.Projections.Filtering;

namespace Crm.Projections.Contracts;

/// <summary>The built-in fields a contract list filters on, by their API names, over crm.contracts aliased k.</summary>
public static class ContractFilterFields
{
    public static IReadOnlyList<FilterField> All { get; } =
    [
        new("number", "k.number", FilterType.Text),
        new("name", "k.name", FilterType.Text),
        new("remark", "k.remark", FilterType.Text),
        new("status", "k.status", FilterType.Text),
        new("customerId", "k.customer_id", FilterType.Uuid),
        new("opportunityId", "k.opportunity_id", FilterType.Uuid),
        new("signatoryContactId", "k.signatory_contact_id", FilterType.Uuid),
        new("ownerId", "k.owner_id", FilterType.Uuid),
        new("departmentId", OwnerDepartment.Of("k"), FilterType.Uuid),
        new("currency", "k.currency", FilterType.Text),
        new("amountSetByHand", "k.amount_set_by_hand", FilterType.Bool),
        new("approvedAt", "k.approved_at", FilterType.Timestamp),
        new("voidedAt", "k.voided_at", FilterType.Timestamp),
        new("createdAt", "k.created_at", FilterType.Timestamp),
        new("updatedAt", "k.updated_at", FilterType.Timestamp),
    ];
}

/// <summary>One page request of a contract list; contracts whose team has the viewer are visible whatever the scope.</summary>
/// <param name="Filter">A parsed filter tree over <see cref="ContractFilterFields.All"/> (the list's query parameters become one too).</param>
/// <param name="Q">Free text matched inside the number and the name.</param>
public sealed record ContractListRequest(
    OwnerScope Scope, Guid? ViewerId, int Limit, string? Cursor = null, ListSort? Sort = null, FilterNode? Filter = null, string? Q = null);

/// <summary>A member of a contract's team, as the detail view lists it.</summary>
public sealed record ContractTeamMember(Guid UserId, string Access, DateTimeOffset AddedAt);

/// <summary>An instalment that is due for a reminder: its contract's owner is reminded from planned_on − remind_days_before on.</summary>
public sealed record PlanDue(Guid PlanId, Guid ContractId, string ContractNumber, Guid CustomerId, Guid OwnerId, int Instalment, decimal Amount,
    string Currency, DateOnly PlannedOn, int RemindDaysBefore);

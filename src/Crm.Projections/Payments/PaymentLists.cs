using Crm.Projections.Filtering;

namespace Crm.Projections.Payments;

/// <summary>The built-in fields a payment list filters on, by their API names, over crm.payments aliased p.</summary>
public static class PaymentFilterFields
{
    public static IReadOnlyList<FilterField> All { get; } =
    [
        new("contractId", "p.contract_id", FilterType.Uuid),
        new("customerId", "p.customer_id", FilterType.Uuid),
        new("ownerId", "p.owner_id", FilterType.Uuid),
        new("planId", "p.plan_id", FilterType.Uuid),
        new("status", "p.status", FilterType.Text),
        new("method", "p.method", FilterType.Text),
        new("remark", "p.remark", FilterType.Text),
        new("currency", "p.currency", FilterType.Text),
        new("approvedAt", "p.approved_at", FilterType.Timestamp),
        new("createdAt", "p.created_at", FilterType.Timestamp),
        new("updatedAt", "p.updated_at", FilterType.Timestamp),
    ];
}

/// <summary>One page request of a payment list, scoped by the contract owners the caller reaches and the contract teams they are on.</summary>
/// <param name="ViewerId">The caller: the payments of contracts whose team they are on (read or read_write) are listed too.</param>
/// <param name="Filter">A parsed filter tree over <see cref="PaymentFilterFields.All"/> (the list's query parameters become one too).</param>
/// <param name="Q">Free text matched inside the method and the remark.</param>
public sealed record PaymentListRequest(
    OwnerScope Scope, Guid? ViewerId, int Limit, string? Cursor = null, ListSort? Sort = null, FilterNode? Filter = null, string? Q = null);

using Crm.Projections.Filtering;

namespace Crm.Projections.Leads;

/// <summary>The built-in fields a lead list filters on, over crm.leads aliased l.</summary>
public static class LeadFilterFields
{
    public static IReadOnlyList<FilterField> All { get; } =
    [
        new("name", "l.name", FilterType.Text),
        new("company", "l.company", FilterType.Text),
        new("phone", "l.phone", FilterType.Text),
        new("email", "l.email", FilterType.Text),
        new("source", "l.source", FilterType.Text),
        new("industry", "l.industry", FilterType.Text),
        new("level", "l.level", FilterType.Text),
        new("address", "l.address", FilterType.Text),
        new("remark", "l.remark", FilterType.Text),
        new("ownerId", "l.owner_id", FilterType.Uuid),
        new("departmentId", OwnerDepartment.Of("l"), FilterType.Uuid),
        new("convertedCustomerId", "l.converted_customer_id", FilterType.Uuid),
        new("converted", "(l.converted_customer_id is not null)", FilterType.Bool),
        new("inPool", "(l.owner_id is null)", FilterType.Bool),
        new("createdAt", "l.created_at", FilterType.Timestamp),
        new("updatedAt", "l.updated_at", FilterType.Timestamp),
        new("lastFollowUpAt", "l.last_follow_up_at", FilterType.Timestamp),
        new("nextContactAt", "l.next_contact_at", FilterType.Timestamp),
    ];
}

/// <summary>One page request of a lead list; <paramref name="Pool"/> lists the lead pool instead of the scope's leads.</summary>
public sealed record LeadListRequest(
    OwnerScope Scope, int Limit, string? Cursor = null, ListSort? Sort = null, FilterNode? Filter = null, string? Q = null, bool Pool = false);

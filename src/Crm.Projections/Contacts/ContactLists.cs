using Crm.Projections.Filtering;

namespace Crm.Projections.Contacts;

/// <summary>The built-in fields a contact list filters on, over crm.contacts aliased k.</summary>
public static class ContactFilterFields
{
    public static IReadOnlyList<FilterField> All { get; } =
    [
        new("name", "k.name", FilterType.Text),
        new("title", "k.title", FilterType.Text),
        new("phone", "k.phone", FilterType.Text),
        new("email", "k.email", FilterType.Text),
        new("address", "k.address", FilterType.Text),
        new("remark", "k.remark", FilterType.Text),
        new("customerId", "k.customer_id", FilterType.Uuid),
        new("ownerId", "k.owner_id", FilterType.Uuid),
        new("departmentId", OwnerDepartment.Of("k"), FilterType.Uuid),
        new("createdAt", "k.created_at", FilterType.Timestamp),
        new("updatedAt", "k.updated_at", FilterType.Timestamp),
        new("lastFollowUpAt", "k.last_follow_up_at", FilterType.Timestamp),
        new("nextContactAt", "k.next_contact_at", FilterType.Timestamp),
    ];
}

/// <summary>One page request of a contact list; contacts of customers whose team has the viewer are visible whatever the scope.</summary>
public sealed record ContactListRequest(
    OwnerScope Scope, Guid? ViewerId, int Limit, string? Cursor = null, ListSort? Sort = null, FilterNode? Filter = null, string? Q = null);

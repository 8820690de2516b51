using Crm.Projections.Filtering;

namespace Crm.Projections.Customers;

/// <summary>The built-in fields a customer list filters on, by their API names, over crm.customers aliased c.</summary>
public static class CustomerFilterFields
{
    public static IReadOnlyList<FilterField> All { get; } =
    [
        new("name", "c.name", FilterType.Text),
        new("level", "c.level", FilterType.Text),
        new("industry", "c.industry", FilterType.Text),
        new("source", "c.source", FilterType.Text),
        new("region", "c.region", FilterType.Text),
        new("address", "c.address", FilterType.Text),
        new("phone", "c.phone", FilterType.Text),
        new("email", "c.email", FilterType.Text),
        new("website", "c.website", FilterType.Text),
        new("remark", "c.remark", FilterType.Text),
        new("tags", "c.tags", FilterType.TextArray),
        new("followUpStatus", CustomerRow.FollowUpStatusShownSql("c"), FilterType.Text),
        new("ownerId", "c.owner_id", FilterType.Uuid),
        new("departmentId", OwnerDepartment.Of("c"), FilterType.Uuid),
        new("previousOwnerId", "c.previous_owner_id", FilterType.Uuid),
        new("leadId", "c.lead_id", FilterType.Uuid),
        new("locked", "c.locked", FilterType.Bool),
        new("inPool", "(c.owner_id is null)", FilterType.Bool),
        new("createdAt", "c.created_at", FilterType.Timestamp),
        new("updatedAt", "c.updated_at", FilterType.Timestamp),
        new("lastFollowUpAt", "c.last_follow_up_at", FilterType.Timestamp),
        new("nextContactAt", "c.next_contact_at", FilterType.Timestamp),
        new("ownedSince", "c.owned_since", FilterType.Timestamp),
        new("poolEnteredAt", "c.pool_entered_at", FilterType.Timestamp),
        .. Classification.CustomerClassFilterFields.All, // CUS-10
    ];

    /// <summary>The built-in fields a caller may filter on: the facts' only when they may see the facts.</summary>
    public static IReadOnlyList<FilterField> For(bool factsVisible) => Keep(All, factsVisible);

    /// <summary><paramref name="fields"/>, less those over contract and payment facts unless the caller may see them.</summary>
    public static IReadOnlyList<FilterField> Keep(IReadOnlyList<FilterField> fields, bool factsVisible) =>
        factsVisible ? fields : [.. fields.Where(f => !Classification.CustomerClassFilterFields.Facts.Contains(f.Name))];
}

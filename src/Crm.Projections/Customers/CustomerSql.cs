using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Customers;

/// <summary>crm.customers by column name, shared by the projection and the queries, so they cannot drift.</summary>
internal sealed class CustomerSql() : RowBinder<CustomerRow>("id",
    "id", "name", "level", "industry", "source", "region", "address", "phone", "email", "website", "remark", "tags", "custom", "owner_id", "department_id",
    "previous_owner_id", "locked", "lead_id", "follow_up_status", "last_follow_up_at", "next_contact_at", "owned_since", "pool_entered_at",
    "version", "created_at", "updated_at")
{
    public static readonly CustomerSql Binder = new();

    protected override string Select(string column) => column == "custom" ? "custom::text" : column;

    /// <summary>The custom column's text as the row holds it: null for the empty object.</summary>
    internal static System.Text.Json.JsonElement? Custom(string? text) =>
        text is null or "{}" ? null : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();

    public override CustomerRow Read(RowReader r) => new(
        r.Id("id"),
        new CustomerFields(r.Text("name"), r.TextOrNull("level"), r.TextOrNull("industry"), r.TextOrNull("source"), r.TextOrNull("region"),
            r.TextOrNull("address"), r.TextOrNull("phone"), r.TextOrNull("email"), r.TextOrNull("website"), r.TextOrNull("remark"),
            r.Value<string[]>("tags"), Custom(r.TextOrNull("custom"))),
        r.IdOrNull("owner_id"), r.IdOrNull("department_id"), r.IdOrNull("previous_owner_id"), r.Flag("locked"), r.IdOrNull("lead_id"),
        r.Text("follow_up_status"), r.TimeOrNull("last_follow_up_at"), r.TimeOrNull("next_contact_at"), r.TimeOrNull("owned_since"),
        r.TimeOrNull("pool_entered_at"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(CustomerRow row, RowValues v)
    {
        var f = row.Fields;
        v.Set("id", row.Id).Set("name", f.Name).Text("level", f.Level).Text("industry", f.Industry).Text("source", f.Source)
            .Text("region", f.Region).Text("address", f.Address).Text("phone", f.Phone).Text("email", f.Email).Text("website", f.Website)
            .Text("remark", f.Remark).Set<string[]>("tags", [.. f.TagList])
            .Json("custom", CustomJson.Canonical(f.Custom) ?? "{}")
            .Id("owner_id", row.OwnerId).Id("department_id", row.DepartmentId).Id("previous_owner_id", row.PreviousOwnerId)
            .Set("locked", row.Locked).Id("lead_id", row.LeadId).Set("follow_up_status", row.FollowUpStatus)
            .Time("last_follow_up_at", row.LastFollowUpAt).Time("next_contact_at", row.NextContactAt).Time("owned_since", row.OwnedSince)
            .Time("pool_entered_at", row.PoolEnteredAt).Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
    }
}

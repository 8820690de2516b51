using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Leads;

/// <summary>crm.leads by column name, shared by the projection and the queries.</summary>
internal sealed class LeadSql() : RowBinder<LeadRow>("id",
    "id", "name", "company", "phone", "email", "source", "industry", "level", "address", "remark", "owner_id", "department_id",
    "converted_customer_id", "converted_contact_id", "converted_at", "last_follow_up_at", "next_contact_at", "version", "created_at", "updated_at")
{
    public static readonly LeadSql Binder = new();

    public override LeadRow Read(RowReader r) => new(
        r.Id("id"),
        new LeadFields(r.Text("name"), r.TextOrNull("company"), r.TextOrNull("phone"), r.TextOrNull("email"), r.TextOrNull("source"),
            r.TextOrNull("industry"), r.TextOrNull("level"), r.TextOrNull("address"), r.TextOrNull("remark")),
        r.IdOrNull("owner_id"), r.IdOrNull("department_id"), r.IdOrNull("converted_customer_id"), r.IdOrNull("converted_contact_id"),
        r.TimeOrNull("converted_at"), r.TimeOrNull("last_follow_up_at"), r.TimeOrNull("next_contact_at"), r.Long("version"),
        r.Time("created_at"), r.Time("updated_at"));

    public override void Write(LeadRow row, RowValues v)
    {
        var f = row.Fields;
        v.Set("id", row.Id).Set("name", f.Name).Text("company", f.Company).Text("phone", f.Phone).Text("email", f.Email)
            .Text("source", f.Source).Text("industry", f.Industry).Text("level", f.Level).Text("address", f.Address).Text("remark", f.Remark)
            .Id("owner_id", row.OwnerId).Id("department_id", row.DepartmentId).Id("converted_customer_id", row.ConvertedCustomerId)
            .Id("converted_contact_id", row.ConvertedContactId).Time("converted_at", row.ConvertedAt)
            .Time("last_follow_up_at", row.LastFollowUpAt).Time("next_contact_at", row.NextContactAt)
            .Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
    }
}

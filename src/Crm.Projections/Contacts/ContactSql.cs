using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Contacts;

/// <summary>crm.contacts by column name, shared by the projection and the queries.</summary>
internal sealed class ContactSql() : RowBinder<ContactRow>("id",
    "id", "customer_id", "name", "title", "phone", "email", "address", "remark", "owner_id", "department_id", "last_follow_up_at",
    "next_contact_at", "version", "created_at", "updated_at")
{
    public static readonly ContactSql Binder = new();

    public override ContactRow Read(RowReader r) => new(
        r.Id("id"), r.Id("customer_id"),
        new ContactFields(r.Text("name"), r.TextOrNull("title"), r.TextOrNull("phone"), r.TextOrNull("email"), r.TextOrNull("address"),
            r.TextOrNull("remark")),
        r.Id("owner_id"), r.IdOrNull("department_id"), r.TimeOrNull("last_follow_up_at"), r.TimeOrNull("next_contact_at"), r.Long("version"),
        r.Time("created_at"), r.Time("updated_at"));

    public override void Write(ContactRow row, RowValues v)
    {
        var f = row.Fields;
        v.Set("id", row.Id).Set("customer_id", row.CustomerId).Set("name", f.Name).Text("title", f.Title).Text("phone", f.Phone)
            .Text("email", f.Email).Text("address", f.Address).Text("remark", f.Remark).Set("owner_id", row.OwnerId)
            .Id("department_id", row.DepartmentId).Time("last_follow_up_at", row.LastFollowUpAt).Time("next_contact_at", row.NextContactAt)
            .Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
    }
}

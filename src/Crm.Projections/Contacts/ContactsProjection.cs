using Crm.Events;
using Crm.Events.Contacts;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Crm.Projections.Customers;
using Npgsql;

namespace Crm.Projections.Contacts;

/// <summary>crm.contacts, inline with the contact streams (a cascading transfer moves several in one append).</summary>
public sealed class ContactsProjection : SingleStreamProjection<ContactRow>
{
    internal const string Columns =
        "id, customer_id, name, title, phone, email, address, remark, owner_id, department_id, last_follow_up_at, next_contact_at, version, created_at, updated_at";

    public override string Name => "crm.contacts";

    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(ContactCreated).Namespace).Select(e => e.Type).ToArray();

    protected override ContactRow? Evolve(ContactRow? current, Guid key, StoredEvent e) => ContactRow.Evolve(current, e);

    internal static ContactRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1),
        new ContactFields(r.GetString(2), CustomerSql.Text(r, 3), CustomerSql.Text(r, 4), CustomerSql.Text(r, 5), CustomerSql.Text(r, 6), CustomerSql.Text(r, 7)),
        r.GetGuid(8), CustomerSql.Id(r, 9), CustomerSql.Time(r, 10), CustomerSql.Time(r, 11), r.GetInt64(12),
        r.GetFieldValue<DateTimeOffset>(13), r.GetFieldValue<DateTimeOffset>(14));

    protected override async Task<IReadOnlyDictionary<Guid, ContactRow>> LoadAsync(IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {Columns} from crm.contacts where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", keys.ToArray()));
        var rows = new Dictionary<Guid, ContactRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = Read(reader);
            rows[row.Id] = row;
        }
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, ContactRow doc)
    {
        var cmd = new NpgsqlBatchCommand(
            $"""
            insert into crm.contacts ({Columns}) values (@id, @customer, @name, @title, @phone, @email, @address, @remark, @owner, @department,
                @lastFollowUp, @nextContact, @version, @created, @updated)
            on conflict (id) do update set customer_id = excluded.customer_id, name = excluded.name, title = excluded.title, phone = excluded.phone,
                email = excluded.email, address = excluded.address, remark = excluded.remark, owner_id = excluded.owner_id,
                department_id = excluded.department_id, last_follow_up_at = excluded.last_follow_up_at, next_contact_at = excluded.next_contact_at,
                version = excluded.version, updated_at = excluded.updated_at
            """);
        var p = cmd.Parameters;
        var f = doc.Fields;
        p.Add(new NpgsqlParameter<Guid>("id", doc.Id));
        p.Add(new NpgsqlParameter<Guid>("customer", doc.CustomerId));
        p.Add(new NpgsqlParameter<string>("name", f.Name));
        CustomerSql.AddText(p, "title", f.Title);
        CustomerSql.AddText(p, "phone", f.Phone);
        CustomerSql.AddText(p, "email", f.Email);
        CustomerSql.AddText(p, "address", f.Address);
        CustomerSql.AddText(p, "remark", f.Remark);
        p.Add(new NpgsqlParameter<Guid>("owner", doc.OwnerId));
        CustomerSql.AddId(p, "department", doc.DepartmentId);
        CustomerSql.AddTime(p, "lastFollowUp", doc.LastFollowUpAt);
        CustomerSql.AddTime(p, "nextContact", doc.NextContactAt);
        p.Add(new NpgsqlParameter<long>("version", doc.Version));
        p.Add(new NpgsqlParameter<DateTimeOffset>("created", doc.CreatedAt));
        p.Add(new NpgsqlParameter<DateTimeOffset>("updated", doc.UpdatedAt));
        batch.BatchCommands.Add(cmd);
    }

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = new NpgsqlBatchCommand("delete from crm.contacts where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.contacts");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

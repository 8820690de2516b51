using Crm.Events;
using Crm.Events.Leads;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Crm.Projections.Customers;
using Npgsql;

namespace Crm.Projections.Leads;

/// <summary>crm.leads, inline with the lead stream.</summary>
public sealed class LeadsProjection : SingleStreamProjection<LeadRow>
{
    internal const string Columns = "id, name, company, phone, email, source, industry, level, address, remark, owner_id, department_id, " +
        "converted_customer_id, converted_contact_id, converted_at, last_follow_up_at, next_contact_at, version, created_at, updated_at";

    public override string Name => "crm.leads";

    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(LeadCreated).Namespace).Select(e => e.Type).ToArray();

    protected override LeadRow? Evolve(LeadRow? current, Guid key, StoredEvent e) => LeadRow.Evolve(current, e);

    internal static LeadRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        new LeadFields(r.GetString(1), CustomerSql.Text(r, 2), CustomerSql.Text(r, 3), CustomerSql.Text(r, 4), CustomerSql.Text(r, 5),
            CustomerSql.Text(r, 6), CustomerSql.Text(r, 7), CustomerSql.Text(r, 8), CustomerSql.Text(r, 9)),
        CustomerSql.Id(r, 10), CustomerSql.Id(r, 11), CustomerSql.Id(r, 12), CustomerSql.Id(r, 13), CustomerSql.Time(r, 14),
        CustomerSql.Time(r, 15), CustomerSql.Time(r, 16), r.GetInt64(17), r.GetFieldValue<DateTimeOffset>(18), r.GetFieldValue<DateTimeOffset>(19));

    protected override async Task<IReadOnlyDictionary<Guid, LeadRow>> LoadAsync(IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {Columns} from crm.leads where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", keys.ToArray()));
        var rows = new Dictionary<Guid, LeadRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = Read(reader);
            rows[row.Id] = row;
        }
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, LeadRow doc)
    {
        var cmd = new NpgsqlBatchCommand(
            $"""
            insert into crm.leads ({Columns}) values (@id, @name, @company, @phone, @email, @source, @industry, @level, @address, @remark, @owner, @department,
                @customer, @contact, @convertedAt, @lastFollowUp, @nextContact, @version, @created, @updated)
            on conflict (id) do update set name = excluded.name, company = excluded.company, phone = excluded.phone, email = excluded.email,
                source = excluded.source, industry = excluded.industry, level = excluded.level, address = excluded.address, remark = excluded.remark,
                owner_id = excluded.owner_id, department_id = excluded.department_id, converted_customer_id = excluded.converted_customer_id,
                converted_contact_id = excluded.converted_contact_id, converted_at = excluded.converted_at, last_follow_up_at = excluded.last_follow_up_at,
                next_contact_at = excluded.next_contact_at, version = excluded.version, updated_at = excluded.updated_at
            """);
        var p = cmd.Parameters;
        var f = doc.Fields;
        p.Add(new NpgsqlParameter<Guid>("id", doc.Id));
        p.Add(new NpgsqlParameter<string>("name", f.Name));
        CustomerSql.AddText(p, "company", f.Company);
        CustomerSql.AddText(p, "phone", f.Phone);
        CustomerSql.AddText(p, "email", f.Email);
        CustomerSql.AddText(p, "source", f.Source);
        CustomerSql.AddText(p, "industry", f.Industry);
        CustomerSql.AddText(p, "level", f.Level);
        CustomerSql.AddText(p, "address", f.Address);
        CustomerSql.AddText(p, "remark", f.Remark);
        CustomerSql.AddId(p, "owner", doc.OwnerId);
        CustomerSql.AddId(p, "department", doc.DepartmentId);
        CustomerSql.AddId(p, "customer", doc.ConvertedCustomerId);
        CustomerSql.AddId(p, "contact", doc.ConvertedContactId);
        CustomerSql.AddTime(p, "convertedAt", doc.ConvertedAt);
        CustomerSql.AddTime(p, "lastFollowUp", doc.LastFollowUpAt);
        CustomerSql.AddTime(p, "nextContact", doc.NextContactAt);
        p.Add(new NpgsqlParameter<long>("version", doc.Version));
        p.Add(new NpgsqlParameter<DateTimeOffset>("created", doc.CreatedAt));
        p.Add(new NpgsqlParameter<DateTimeOffset>("updated", doc.UpdatedAt));
        batch.BatchCommands.Add(cmd);
    }

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = new NpgsqlBatchCommand("delete from crm.leads where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.leads");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

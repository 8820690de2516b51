using Crm.Events;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Customers;

/// <summary>The column list, reader and writer shared by the projection and the queries, so they cannot drift.</summary>
internal static class CustomerSql
{
    public const string Columns =
        "id, name, level, industry, source, region, address, phone, email, website, remark, tags, owner_id, department_id, previous_owner_id, " +
        "locked, lead_id, follow_up_status, last_follow_up_at, next_contact_at, owned_since, pool_entered_at, version, created_at, updated_at";

    public static CustomerRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        new CustomerFields(r.GetString(1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), Text(r, 9), Text(r, 10),
            r.GetFieldValue<string[]>(11)),
        Id(r, 12), Id(r, 13), Id(r, 14), r.GetBoolean(15), Id(r, 16), r.GetString(17), Time(r, 18), Time(r, 19), Time(r, 20), Time(r, 21),
        r.GetInt64(22), r.GetFieldValue<DateTimeOffset>(23), r.GetFieldValue<DateTimeOffset>(24));

    public static NpgsqlBatchCommand Upsert(CustomerRow row)
    {
        var cmd = new NpgsqlBatchCommand(
            $"""
            insert into crm.customers ({Columns}) values (@id, @name, @level, @industry, @source, @region, @address, @phone, @email, @website, @remark, @tags,
                @owner, @department, @previous, @locked, @lead, @status, @lastFollowUp, @nextContact, @ownedSince, @poolEntered, @version, @created, @updated)
            on conflict (id) do update set name = excluded.name, level = excluded.level, industry = excluded.industry, source = excluded.source,
                region = excluded.region, address = excluded.address, phone = excluded.phone, email = excluded.email, website = excluded.website,
                remark = excluded.remark, tags = excluded.tags, owner_id = excluded.owner_id, department_id = excluded.department_id,
                previous_owner_id = excluded.previous_owner_id, locked = excluded.locked, lead_id = excluded.lead_id,
                follow_up_status = excluded.follow_up_status, last_follow_up_at = excluded.last_follow_up_at, next_contact_at = excluded.next_contact_at,
                owned_since = excluded.owned_since, pool_entered_at = excluded.pool_entered_at, version = excluded.version, updated_at = excluded.updated_at
            """);
        var f = row.Fields;
        var p = cmd.Parameters;
        p.Add(new NpgsqlParameter<Guid>("id", row.Id));
        p.Add(new NpgsqlParameter<string>("name", f.Name));
        AddText(p, "level", f.Level);
        AddText(p, "industry", f.Industry);
        AddText(p, "source", f.Source);
        AddText(p, "region", f.Region);
        AddText(p, "address", f.Address);
        AddText(p, "phone", f.Phone);
        AddText(p, "email", f.Email);
        AddText(p, "website", f.Website);
        AddText(p, "remark", f.Remark);
        p.Add(new NpgsqlParameter<string[]>("tags", [.. f.TagList]));
        AddId(p, "owner", row.OwnerId);
        AddId(p, "department", row.DepartmentId);
        AddId(p, "previous", row.PreviousOwnerId);
        p.Add(new NpgsqlParameter<bool>("locked", row.Locked));
        AddId(p, "lead", row.LeadId);
        p.Add(new NpgsqlParameter<string>("status", row.FollowUpStatus));
        AddTime(p, "lastFollowUp", row.LastFollowUpAt);
        AddTime(p, "nextContact", row.NextContactAt);
        AddTime(p, "ownedSince", row.OwnedSince);
        AddTime(p, "poolEntered", row.PoolEnteredAt);
        p.Add(new NpgsqlParameter<long>("version", row.Version));
        p.Add(new NpgsqlParameter<DateTimeOffset>("created", row.CreatedAt));
        p.Add(new NpgsqlParameter<DateTimeOffset>("updated", row.UpdatedAt));
        return cmd;
    }

    internal static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    internal static Guid? Id(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);
    internal static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    internal static void AddText(NpgsqlParameterCollection p, string name, string? value) =>
        p.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
    internal static void AddId(NpgsqlParameterCollection p, string name, Guid? value) =>
        p.Add(new NpgsqlParameter(name, NpgsqlDbType.Uuid) { Value = (object?)value ?? DBNull.Value });
    internal static void AddTime(NpgsqlParameterCollection p, string name, DateTimeOffset? value) =>
        p.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = (object?)value ?? DBNull.Value });
}

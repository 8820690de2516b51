using System.Globalization;
using Npgsql;
using Crm.Projections.Tables;

namespace Crm.Projections.Customers;

/// <summary>A follow-up record as a detail page lists it.</summary>
public sealed record FollowUpRow(
    Guid Id, string RecordType, Guid RecordId, Guid? CustomerId, string Kind, string Content, DateTimeOffset? NextContactAt, DateTimeOffset CreatedAt,
        Guid? CreatedBy);

/// <summary>Follow-ups newest first, keyset-paged: of one record, or everything filed under a customer (its contacts' too).</summary>
public sealed class FollowUpQueries(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, record_type, record_id, customer_id, kind, content, next_contact_at, created_at, created_by";

    /// <summary>Whether any follow-up, of any record, has this id (crm.follow_ups is inline: it is current).</summary>
    public Task<bool> IsUsedAsync(Guid id, CancellationToken ct = default) => IsUsedAsync(id, null, null, ct);

    /// <summary>The same look on a given connection, inside an append's transaction (the re-check under its lock).</summary>
    public async Task<bool> IsUsedAsync(Guid id, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct = default)
    {
        await using var cmd = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand { Connection = connection, Transaction = tx };
        cmd.CommandText = "select exists (select 1 from crm.follow_ups where id = @id)";
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public Task<Page<FollowUpRow>> OfRecordAsync(Guid recordId, int limit, string? cursor, CancellationToken ct = default) =>
        PageAsync("record_id", recordId, limit, cursor, ct);

    /// <summary>
    /// A customer's follow-ups, its opportunities' included — but only those of opportunities the viewer reaches with
    /// <paramref name="opportunities"/> (owner in scope or on the team): seeing a customer is no way to read a colleague's deal notes.
    /// </summary>
    public Task<Page<FollowUpRow>> OfCustomerAsync(Guid customerId, OwnerScope opportunities, Guid viewerId, int limit, string? cursor,
        CancellationToken ct = default) =>
        PageAsync("customer_id", customerId, limit, cursor, ct, (opportunities, viewerId));

    private const string VisibleOpportunitiesOnly =
        """
        and (record_type <> 'opportunity' or exists (select 1 from crm.opportunities o where o.id = record_id
             and (@all or o.owner_id = any(@owners) or exists (select 1 from crm.opportunity_team t where t.opportunity_id = o.id and t.user_id = @viewer))))
        """;

    private async Task<Page<FollowUpRow>> PageAsync(string keyColumn, Guid key, int limit, string? cursor, CancellationToken ct,
        (OwnerScope Scope, Guid Viewer)? opportunities = null)
    {
        var hasAfter = KeysetCursor.TryDecode(cursor, out var after);
        var afterAt = hasAfter && DateTimeOffset.TryParse(after.SortValue, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime() : DateTimeOffset.MaxValue;
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {Columns} from crm.follow_ups
            where {keyColumn} = @key and (not @hasAfter or (created_at, id) < (@afterAt, @afterId))
            {(opportunities is null ? "" : VisibleOpportunitiesOnly)}
            order by created_at desc, id desc
            limit @take
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("key", key));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("hasAfter", hasAfter));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("afterAt", afterAt));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("afterId", after.Id));
        cmd.Parameters.Add(new NpgsqlParameter<int>("take", limit + 1));
        if (opportunities is { } o) KeysetList.AddOwnerScope(cmd.Parameters, o.Scope, o.Viewer);
        var rows = new List<FollowUpRow>(limit + 1);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            var row = new RowReader(r);
            while (await r.ReadAsync(ct))
                rows.Add(new FollowUpRow(row.Id("id"), row.Text("record_type"), row.Id("record_id"), row.IdOrNull("customer_id"), row.Text("kind"),
                    row.Text("content"), row.TimeOrNull("next_contact_at"), row.Time("created_at"), row.IdOrNull("created_by")));
        }
        if (rows.Count <= limit) return new Page<FollowUpRow>(rows, null);
        rows.RemoveAt(limit);
        return new Page<FollowUpRow>(rows, KeysetCursor.Encode(rows[^1].CreatedAt.ToString("O", CultureInfo.InvariantCulture), rows[^1].Id));
    }
}

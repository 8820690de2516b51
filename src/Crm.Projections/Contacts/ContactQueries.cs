using Npgsql;

namespace Crm.Projections.Contacts;

/// <summary>Reads of contacts: detail, and the contacts of one customer (its detail page's related list).</summary>
public sealed class ContactQueries(NpgsqlDataSource dataSource)
{
    public async Task<ContactRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {ContactsProjection.Columns} from crm.contacts where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ContactsProjection.Read(reader) : null;
    }

    /// <summary>The customer's contacts by (name, id), keyset-paged. Visibility follows the customer's (checked by the caller).</summary>
    public async Task<Page<ContactRow>> OfCustomerAsync(Guid customerId, int limit, string? cursor, CancellationToken ct = default)
    {
        var hasAfter = KeysetCursor.TryDecode(cursor, out var after);
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {ContactsProjection.Columns} from crm.contacts
            where customer_id = @customer and (not @hasAfter or (name, id) > (@afterName, @afterId))
            order by name, id
            limit @take
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("customer", customerId));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("hasAfter", hasAfter));
        cmd.Parameters.Add(new NpgsqlParameter<string>("afterName", after.SortValue ?? ""));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("afterId", after.Id));
        cmd.Parameters.Add(new NpgsqlParameter<int>("take", limit + 1));
        var rows = new List<ContactRow>(limit + 1);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows.Add(ContactsProjection.Read(reader));
        }
        if (rows.Count <= limit) return new Page<ContactRow>(rows, null);
        rows.RemoveAt(limit);
        return new Page<ContactRow>(rows, KeysetCursor.Encode(rows[^1].Fields.Name, rows[^1].Id));
    }
}

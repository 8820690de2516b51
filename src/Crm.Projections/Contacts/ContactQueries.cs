using Npgsql;

namespace Crm.Projections.Contacts;

/// <summary>Reads of contacts: detail, scoped lists, and the contacts of one customer (its detail page's related list).</summary>
public sealed class ContactQueries(NpgsqlDataSource dataSource)
{
    public async Task<ContactRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {ContactSql.Binder.SelectList} from crm.contacts where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ContactSql.Binder.Read(reader) : null;
    }

    /// <summary>The customer's contacts by (name, id), keyset-paged. Visibility follows the customer's (checked by the caller).</summary>
    public async Task<Page<ContactRow>> OfCustomerAsync(Guid customerId, int limit, string? cursor, CancellationToken ct = default)
    {
        var hasAfter = KeysetCursor.TryDecode(cursor, out var after);
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {ContactSql.Binder.SelectList} from crm.contacts
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
            while (await reader.ReadAsync(ct)) rows.Add(ContactSql.Binder.Read(reader));
        }
        if (rows.Count <= limit) return new Page<ContactRow>(rows, null);
        rows.RemoveAt(limit);
        return new Page<ContactRow>(rows, KeysetCursor.Encode(rows[^1].Fields.Name, rows[^1].Id));
    }

    private static readonly ListSource<ContactRow> Source = new(
        "crm.contacts k", "k", ContactSql.Binder.SelectList, ContactSql.Binder.Read, ["name", "phone", "email"],
        r => r.Id, r => r.Fields.Name, r => r.CreatedAt, r => r.UpdatedAt);

    // Visible with the contact's own owner in scope, or its customer's owner (a customer's contacts go
    // with it), and to members of the customer's team, as they see the customer.
    private const string ScopeSql =
        "(@all or k.owner_id = any(@owners) or exists (select 1 from crm.customers c where c.id = k.customer_id and c.owner_id = any(@owners))" +
        " or exists (select 1 from crm.customer_team t where t.customer_id = k.customer_id and t.user_id = @viewer))";

    public Task<Page<ContactRow>> ListAsync(ContactListRequest request, CancellationToken ct = default) =>
        KeysetList.QueryAsync(dataSource, Source, ScopeSql, p => KeysetList.AddOwnerScope(p, request.Scope, request.ViewerId),
            request.Sort, request.Filter, request.Q, request.Limit, request.Cursor, ct);
}

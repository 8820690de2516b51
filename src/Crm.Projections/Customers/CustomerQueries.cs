using System.Globalization;
using Crm.EventStore;
using Crm.Projections.Filtering;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Customers;

/// <summary>A member of a customer's team, as the detail view lists it.</summary>
public sealed record CustomerTeamMember(Guid UserId, string Access, DateTimeOffset AddedAt);

/// <summary>Reads of customers: lists within a data scope, detail, team, and the inputs the write side's rules need.</summary>
public sealed class CustomerQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    public async Task<CustomerRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {CustomerSql.Columns} from crm.customers where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? CustomerSql.Read(reader) : null;
    }

    /// <summary>The customer as it was at a version or a moment (time travel); null if it did not exist yet.</summary>
    public async Task<CustomerRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        (await store.AggregateStreamAsync<CustomerRow?>(id, null, CustomerRow.Evolve, version, asOf, ct))?.State;

    /// <summary>Whether a caller with <paramref name="scope"/> may see the customer: owner in scope, or the viewer on its team.</summary>
    public async Task<bool> IsVisibleAsync(Guid id, OwnerScope scope, Guid? viewerId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select exists (select 1 from crm.customers c where c.id = @id and {ScopeSql})");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        AddScope(cmd.Parameters, scope, viewerId);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<Page<CustomerRow>> ListAsync(CustomerListRequest request, CancellationToken ct = default)
    {
        var sort = request.Sort ?? CustomerSort.Default;
        var filter = FilterSql.Compile(request.Filter);
        var hasAfter = KeysetCursor.TryDecode(request.Cursor, out var after);
        var q = string.IsNullOrWhiteSpace(request.Q) ? null : "%" + FilterSql.EscapeLike(request.Q.Trim()) + "%";
        var direction = sort.Descending ? "desc" : "asc";
        var keyset = hasAfter ? $"and ({sort.Column}, c.id) {(sort.Descending ? "<" : ">")} (@afterValue, @afterId)" : "";
        var visibility = request.Pool ? "c.owner_id is null" : ScopeSql;

        await using var cmd = dataSource.CreateCommand(
            $"""
            select {CustomerSql.Prefixed("c")} from crm.customers c
            where {visibility}
              and (@q::text is null or c.name ilike @q or c.phone ilike @q or c.email ilike @q)
              and {filter.Sql}
              {keyset}
            order by {sort.Column} {direction}, c.id {direction}
            limit @take
            """);
        AddScope(cmd.Parameters, request.Scope, request.ViewerId);
        cmd.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = (object?)q ?? DBNull.Value });
        cmd.Parameters.AddRange(filter.Parameters.ToArray());
        if (hasAfter)
        {
            cmd.Parameters.Add(sort.Field == "name"
                ? new NpgsqlParameter("afterValue", NpgsqlDbType.Text) { Value = after.SortValue }
                : new NpgsqlParameter("afterValue", NpgsqlDbType.TimestampTz) { Value = DateTimeOffset.Parse(after.SortValue, CultureInfo.InvariantCulture).ToUniversalTime() });
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("afterId", after.Id));
        }
        cmd.Parameters.Add(new NpgsqlParameter<int>("take", request.Limit + 1));

        var rows = new List<CustomerRow>(request.Limit + 1);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows.Add(CustomerSql.Read(reader));
        }
        if (rows.Count <= request.Limit) return new Page<CustomerRow>(rows, null);
        rows.RemoveAt(request.Limit);
        var last = rows[^1];
        var sortValue = sort.Field switch
        {
            "name" => last.Fields.Name,
            "createdAt" => last.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            _ => last.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        return new Page<CustomerRow>(rows, KeysetCursor.Encode(sortValue, last.Id));
    }

    public async Task<IReadOnlyList<CustomerTeamMember>> TeamAsync(Guid customerId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select user_id, access, added_at from crm.customer_team where customer_id = @id order by added_at, user_id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", customerId));
        var members = new List<CustomerTeamMember>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) members.Add(new CustomerTeamMember(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        return members;
    }

    /// <summary>The customer's contacts: the transfer cascade moves these streams.</summary>
    public async Task<IReadOnlyList<Guid>> ContactIdsAsync(Guid customerId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select id from crm.contacts where customer_id = @id order by id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", customerId));
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>How many customers the user owns now: the claim limit's input.</summary>
    public async Task<int> OwnedCountAsync(Guid ownerId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select count(*) from crm.customers where owner_id = @owner");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", ownerId));
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    // Team members see the customer whatever their scope (CUS-3).
    private const string ScopeSql =
        "(@all or c.owner_id = any(@owners) or exists (select 1 from crm.customer_team t where t.customer_id = c.id and t.user_id = @viewer))";

    private static void AddScope(NpgsqlParameterCollection p, OwnerScope scope, Guid? viewerId)
    {
        p.Add(new NpgsqlParameter<bool>("all", scope.All));
        p.Add(new NpgsqlParameter<Guid[]>("owners", [.. scope.OwnerIds]));
        p.Add(new NpgsqlParameter("viewer", NpgsqlDbType.Uuid) { Value = (object?)viewerId ?? DBNull.Value });
    }
}

using System.Globalization;
using Crm.EventStore;
using Npgsql;
using Crm.Projections.Tables;

namespace Crm.Projections.Customers;

/// <summary>A member of a customer's team, as the detail view lists it.</summary>
public sealed record CustomerTeamMember(Guid UserId, string Access, DateTimeOffset AddedAt);

/// <summary>Reads of customers: lists within a data scope, detail, team, and the inputs the write side's rules need.</summary>
public sealed class CustomerQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    public async Task<CustomerRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {CustomerSql.Binder.SelectList} from crm.customers where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? CustomerSql.Binder.Read(reader) : null;
    }

    /// <summary>
    /// The customer's row and, when <paramref name="withTeam"/>, its team and last deal, in one round trip on one connection (a
    /// detail read needs them all: the team decides the reach, and the answer shows the team and lastDealAt).
    /// </summary>
    public async Task<(CustomerRow? Row, IReadOnlyList<CustomerTeamMember> Team, DateTimeOffset? LastDealAt)> GetWithTeamAsync(
        Guid id, bool withTeam, CancellationToken ct = default)
    {
        if (!withTeam) return (await GetAsync(id, ct), [], null);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select {CustomerSql.Binder.SelectList} from crm.customers where id = @id")
            { Parameters = { new NpgsqlParameter<Guid>("id", id) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(TeamSql) { Parameters = { new NpgsqlParameter<Guid>("id", id) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select max(won_at) as won_at from crm.customer_deals where customer_id = @id")
            { Parameters = { new NpgsqlParameter<Guid>("id", id) } });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var row = await reader.ReadAsync(ct) ? CustomerSql.Binder.Read(reader) : null;
        await reader.NextResultAsync(ct);
        var team = row is null ? [] : await ReadTeamAsync(reader, ct);
        await reader.NextResultAsync(ct);
        var lastDeal = await reader.ReadAsync(ct) ? new RowReader(reader).TimeOrNull("won_at") : null;
        return (row, team, lastDeal);
    }

    /// <summary>The customer as it was at a version or a moment (time travel); null if it did not exist yet.</summary>
    public Task<CustomerRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        store.ReadAsOfAsync<CustomerRow>(id, version, asOf, CustomerRow.Evolve, ct);

    /// <summary>Whether a caller with <paramref name="scope"/> may see the customer: owner in scope, or the viewer on its team.</summary>
    public async Task<bool> IsVisibleAsync(Guid id, OwnerScope scope, Guid? viewerId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select exists (select 1 from crm.customers c where c.id = @id and {ScopeSql})");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        KeysetList.AddOwnerScope(cmd.Parameters, scope, viewerId);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The fields a customer list filters on: the built-in ones and the live custom fields (custom.&lt;key&gt;, SET-1).</summary>
    public async Task<IReadOnlyList<Filtering.FilterField>> FilterFieldsAsync(bool factsVisible, CancellationToken ct = default)
    {
        return CustomerFilterFields.Keep(await new CustomFields.KindFields(dataSource).FilterableAsync("customer", ct), factsVisible);
    }

    internal static ListSource<CustomerRow> Source { get; } = new(
        "crm.customers c", "c", CustomerSql.Binder.SelectList, CustomerSql.Binder.Read, ["name", "phone", "email"],
        r => r.Id, r => r.Fields.Name, r => r.CreatedAt, r => r.UpdatedAt);

    public Task<Page<CustomerRow>> ListAsync(CustomerListRequest request, CancellationToken ct = default) =>
        // An all-records scope lists without the scope predicate: "@all or …" is re-planned on every call, as above.
        KeysetList.QueryAsync(dataSource, Source, (request.Pool ? "c.owner_id is null" : request.Scope.All ? "true" : ScopeSql) + Care(request),
            p => KeysetList.AddOwnerScope(p, request.Scope, request.ViewerId),
            request.Sort, request.Filter, request.Q, request.Limit, request.Cursor, ct);

    /// <summary>The number of customers the list would page through (includeTotal=true).</summary>
    public Task<long> CountAsync(CustomerListRequest request, CancellationToken ct = default) =>
        KeysetList.CountAsync(dataSource, Source, (request.Pool ? "c.owner_id is null" : ScopeSql) + Care(request),
            p => KeysetList.AddOwnerScope(p, request.Scope, request.ViewerId), request.Filter, request.Q, ct);

    public async Task<IReadOnlyList<CustomerTeamMember>> TeamAsync(Guid customerId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(TeamSql);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", customerId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await ReadTeamAsync(reader, ct);
    }

    private const string TeamSql = "select user_id, access, added_at from crm.customer_team where customer_id = @id order by added_at, user_id";

    private static async Task<IReadOnlyList<CustomerTeamMember>> ReadTeamAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var members = new List<CustomerTeamMember>();
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct)) members.Add(new CustomerTeamMember(r.Id("user_id"), r.Text("access"), r.Time("added_at")));
        return members;
    }

    /// <summary>The customer's contacts: the transfer cascade moves these streams.</summary>
    public Task<IReadOnlyList<Guid>> ContactIdsAsync(Guid customerId, CancellationToken ct = default) => ContactIdsAsync(customerId, null, null, ct);

    /// <summary>The same look on a given connection, inside an append's transaction (the cascade's re-check under its lock).</summary>
    public Task<IReadOnlyList<Guid>> ContactIdsAsync(Guid customerId, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct) =>
        IdsAsync("select id from crm.contacts where customer_id = @id order by id", customerId, connection, tx, ct);

    /// <summary>The customer's open opportunities: the transfer's cascadeToOpportunities loads these streams (and decides on each).</summary>
    public Task<IReadOnlyList<Guid>> OpenOpportunityIdsAsync(Guid customerId, CancellationToken ct = default) =>
        OpenOpportunityIdsAsync(customerId, null, null, ct);

    /// <summary>The same look on a given connection, inside an append's transaction (the cascade's re-check under its lock).</summary>
    public Task<IReadOnlyList<Guid>> OpenOpportunityIdsAsync(Guid customerId, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct) =>
        IdsAsync("select id from crm.opportunities where customer_id = @id and outcome = 'open' order by id", customerId, connection, tx, ct);

    private async Task<IReadOnlyList<Guid>> IdsAsync(string sql, Guid customerId, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand { Connection = connection, Transaction = tx };
        cmd.CommandText = sql;
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", customerId));
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(new RowReader(reader).Id("id"));
        return ids;
    }

    /// <summary>When each customer last won an opportunity still won (crm.customer_deals); customers without a deal are absent.</summary>
    /// <remarks>One probe of the index customer_deals_customer_won per id, so a page costs what its size does.</remarks>
    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> LastDealsAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct = default)
    {
        var deals = new Dictionary<Guid, DateTimeOffset>();
        if (customerIds.Count == 0) return deals;
        await using var cmd = dataSource.CreateCommand("select c.id, d.won_at from unnest(@ids) as c(id) cross join lateral " +
            "(select won_at from crm.customer_deals where customer_id = c.id order by won_at desc limit 1) d");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. customerIds]));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct)) deals[r.Id("id")] = r.Time("won_at");
        return deals;
    }

    /// <summary>The CUS-10 classes and facts of a page of customers (Classification/CustomerClassSql computes them).</summary>
    public Task<IReadOnlyDictionary<Guid, Classification.CustomerClassification>> ClassificationsAsync(
        IReadOnlyCollection<Guid> customerIds, CancellationToken ct = default) => Classification.CustomerClassQueries.OfAsync(dataSource, customerIds, ct);

    /// <summary>When the customer last won an opportunity still won; null: never.</summary>
    public async Task<DateTimeOffset?> LastDealAtAsync(Guid customerId, CancellationToken ct = default) =>
        (await LastDealsAsync([customerId], ct)).TryGetValue(customerId, out var at) ? at : null;

    /// <summary>How many customers the user owns now: the claim limit's input.</summary>
    public async Task<int> OwnedCountAsync(Guid ownerId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select count(*) from crm.customers where owner_id = @owner");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", ownerId));
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Archived and merged customers leave lists (SET-4); includeArchived brings the archived back, never the merged.</summary>
    private static string Care(CustomerListRequest request) =>
        $" and not exists (select 1 from crm.record_care k where k.record_id = c.id{(request.IncludeArchived ? " and k.merged_into is not null" : "")})";

    // Team members see the customer whatever their scope (CUS-3).
    internal const string ScopeSql =
        "(@all or c.owner_id = any(@owners) or exists (select 1 from crm.customer_team t where t.customer_id = c.id and t.user_id = @viewer))";
}

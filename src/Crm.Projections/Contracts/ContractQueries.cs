using Crm.Events;
using Crm.EventStore;
using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Contracts;

/// <summary>Reads of contracts: lists within a data scope, detail with lines, team and plan, time travel, the facts commands need.</summary>
public sealed class ContractQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    /// <summary>The fields the list filters on: the built-in ones and the live custom fields (custom.&lt;key&gt;, SET-1).</summary>
    public Task<IReadOnlyList<Filtering.FilterField>> FilterFieldsAsync(CancellationToken ct = default) =>
        new CustomFields.KindFields(dataSource).FilterableAsync("contract", ct);

    public async Task<ContractRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {ContractSql.Binder.SelectList} from crm.contracts where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ContractSql.Binder.Read(reader) : null;
    }

    /// <summary>The contract (with its lines and plan) as it was at a version or a moment; null if it did not exist then.</summary>
    public Task<ContractRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        store.ReadAsOfAsync<ContractRow>(id, version, asOf, ContractRow.Evolve, ct);

    internal static ListSource<ContractRow> Source { get; } = new(
        "crm.contracts k", "k", ContractSql.Binder.SelectList, ContractSql.Binder.Read, ["search_text"],
        r => r.Id, r => r.Fields.Name, r => r.CreatedAt, r => r.UpdatedAt);

    public Task<Page<ContractRow>> ListAsync(ContractListRequest request, CancellationToken ct = default) =>
        KeysetList.QueryAsync(dataSource, Source, ScopeSql, p => KeysetList.AddOwnerScope(p, request.Scope, request.ViewerId),
            request.Sort, request.Filter, request.Q?.ToLowerInvariant(), request.Limit, request.Cursor, ct);

    /// <summary>The number of contracts the list would page through (includeTotal=true).</summary>
    public Task<long> CountAsync(ContractListRequest request, CancellationToken ct = default) =>
        KeysetList.CountAsync(dataSource, Source, ScopeSql, p => KeysetList.AddOwnerScope(p, request.Scope, request.ViewerId), request.Filter,
            request.Q?.ToLowerInvariant(), ct);

    public async Task<IReadOnlyList<ContractTeamMember>> TeamAsync(Guid contractId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "select user_id, access, added_at from crm.contract_team where contract_id = @id order by added_at, user_id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", contractId));
        var members = new List<ContractTeamMember>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct)) members.Add(new ContractTeamMember(r.Id("user_id"), r.Text("access"), r.Time("added_at")));
        return members;
    }

    public Task<IReadOnlyList<OpportunityLine>> LinesAsync(Guid contractId, CancellationToken ct = default) =>
        LineTableReader.ReadAsync(dataSource, "crm.contract_lines", "contract_id", contractId, ct);

    /// <summary>The contract's payment plan, by instalment.</summary>
    public async Task<IReadOnlyList<PaymentPlanEntry>> PlansAsync(Guid contractId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            select plan_id, instalment, amount, currency, planned_on, method, remind_days_before, remark
            from crm.payment_plans where contract_id = @id order by instalment
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", contractId));
        var plans = new List<PaymentPlanEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
            plans.Add(new PaymentPlanEntry(r.Id("plan_id"), r.Int("instalment"), new Money(r.Value<decimal>("amount"), r.Text("currency")),
                r.Value<DateOnly>("planned_on"), r.TextOrNull("method"), r.Value<int?>("remind_days_before"), r.TextOrNull("remark")));
        return plans;
    }

    /// <summary>
    /// Instalments whose reminder is due within <paramref name="withinDays"/> days of <paramref name="today"/>: planned_on − remind_days_before
    /// ≤ today + withinDays, planned_on not yet past (overdue money is the receivables' business), of contracts not voided; soonest first.
    /// Whether a payment already covers one is the payments' business (SAL-6): they filter these further.
    /// </summary>
    public async Task<IReadOnlyList<PlanDue>> PlansDueAsync(DateOnly today, int withinDays, Guid? ownerId, int limit, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select p.plan_id, p.contract_id, k.number, k.customer_id, p.owner_id, p.instalment, p.amount, p.currency, p.planned_on, p.remind_days_before
            from crm.payment_plans p join crm.contracts k on k.id = p.contract_id
            where p.remind_days_before is not null and p.planned_on >= @today
              and p.planned_on - p.remind_days_before <= @until
              and k.status <> 'voided' {(ownerId is null ? "" : "and p.owner_id = @owner")}
            order by p.planned_on, p.plan_id
            limit {limit}
            """);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("today", today));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("until", today.AddDays(withinDays)));
        if (ownerId is { } owner) cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", owner));
        var due = new List<PlanDue>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
            due.Add(new PlanDue(r.Id("plan_id"), r.Id("contract_id"), r.Text("number"), r.Id("customer_id"), r.Id("owner_id"), r.Int("instalment"),
                r.Value<decimal>("amount"), r.Text("currency"), r.Value<DateOnly>("planned_on"), r.Int("remind_days_before")));
        return due;
    }

    /// <summary>The customer's contracts that are not voided: the transfer's cascadeToContracts loads these streams (and decides on each).</summary>
    public Task<IReadOnlyList<Guid>> OpenIdsOfCustomerAsync(Guid customerId, CancellationToken ct = default) =>
        OpenIdsOfCustomerAsync(customerId, null, null, ct);

    /// <summary>The same look on a given connection, inside an append's transaction (the cascade's re-check under its lock).</summary>
    public async Task<IReadOnlyList<Guid>> OpenIdsOfCustomerAsync(Guid customerId, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand { Connection = connection, Transaction = tx };
        cmd.CommandText = "select id from crm.contracts where customer_id = @id and status <> 'voided' order by id";
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", customerId));
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(new RowReader(reader).Id("id"));
        return ids;
    }

    // Team members see the contract whatever their scope, as opportunities' do.
    private const string ScopeSql =
        "(@all or k.owner_id = any(@owners) or exists (select 1 from crm.contract_team t where t.contract_id = k.id and t.user_id = @viewer))";
}

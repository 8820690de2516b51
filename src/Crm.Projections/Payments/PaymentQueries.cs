using Crm.EventStore;
using Npgsql;

namespace Crm.Projections.Payments;

/// <summary>Reads of payments: lists within a data scope (the contract owners the caller reaches), detail, time travel.</summary>
public sealed class PaymentQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    public async Task<PaymentRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {PaymentSql.Binder.SelectList} from crm.payments where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? PaymentSql.Binder.Read(reader) : null;
    }

    /// <summary>The payment as it was at a version or a moment; null if it did not exist then. Its owner is the contract's as recorded then.</summary>
    public Task<PaymentRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        store.ReadAsOfAsync<PaymentRow>(id, version, asOf, PaymentRow.Evolve, ct);

    // A payment has no name: the list sorts by updatedAt or createdAt only (the host refuses sort=name).
    internal static ListSource<PaymentRow> Source { get; } = new(
        "crm.payments p", "p", PaymentSql.Binder.SelectList, PaymentSql.Binder.Read, ["method", "remark"],
        r => r.Id, r => r.Id.ToString(), r => r.CreatedAt, r => r.UpdatedAt);

    public Task<Page<PaymentRow>> ListAsync(PaymentListRequest request, CancellationToken ct = default) =>
        KeysetList.QueryAsync(dataSource, Source, ScopeSql, p => KeysetList.AddOwnerScope(p, request.Scope, request.ViewerId), request.Sort, request.Filter,
            request.Q, request.Limit, request.Cursor, ct);

    /// <summary>The number of payments the list would page through (includeTotal=true).</summary>
    public Task<long> CountAsync(PaymentListRequest request, CancellationToken ct = default) =>
        KeysetList.CountAsync(dataSource, Source, ScopeSql, p => KeysetList.AddOwnerScope(p, request.Scope, request.ViewerId), request.Filter, request.Q, ct);

    // A payment is reached through its contract: its owner in scope, or the caller on the contract's team (as the contract lists it).
    private const string ScopeSql =
        "(@all or p.owner_id = any(@owners) or exists (select 1 from crm.contract_team t where t.contract_id = p.contract_id and t.user_id = @viewer))";

    /// <summary>The amounts of the contract's approved payments but <paramref name="except"/> (on the append's connection when given).</summary>
    public async Task<decimal> ApprovedAsync(Guid contractId, Guid except, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var own = connection is null ? await dataSource.OpenConnectionAsync(ct) : null;
        await using var cmd = new NpgsqlCommand(
            "select coalesce(sum(amount), 0) from crm.payments where contract_id = @contract and id <> @except and status = 'approved'", connection ?? own, tx);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("contract", contractId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("except", except));
        return (decimal)(await cmd.ExecuteScalarAsync(ct))!;
    }
}

using Crm.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Invoices;

/// <summary>A page of invoices: owners in scope (null: all), optionally one contract's or one status, newest first.</summary>
public sealed record InvoiceListRequest(Guid[]? Owners, Guid? ContractId, string? Status, int Limit, string? Cursor);

/// <summary>Reads of crm.invoices (inline: they see the caller's own writes).</summary>
public sealed class InvoiceQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    public async Task<InvoiceRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {InvoiceSql.Binder.SelectList} from crm.invoices where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? InvoiceSql.Binder.Read(reader) : null;
    }

    /// <summary>The invoice as it was at a version or a moment; null if it did not exist then.</summary>
    public Task<InvoiceRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        store.ReadAsOfAsync<InvoiceRow>(id, version, asOf, InvoiceRow.Evolve, ct);

    /// <summary>Newest first (UUID v7 ids grow with time); an owner in scope or a requester in scope reaches an invoice.</summary>
    public async Task<Page<InvoiceRow>> ListAsync(InvoiceListRequest request, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {InvoiceSql.Binder.SelectList} from crm.invoices
            where (@owners::uuid[] is null or owner_id = any(@owners) or requested_by = any(@owners))
              and (@contract::uuid is null or contract_id = @contract) and (@status::text is null or status = @status)
              and (not @hasAfter or id < @afterId)
            order by id desc limit @take
            """);
        cmd.Parameters.Add(new NpgsqlParameter("owners", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = (object?)request.Owners ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("contract", NpgsqlDbType.Uuid) { Value = (object?)request.ContractId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)request.Status ?? DBNull.Value });
        KeysetPages.BindCursor(cmd, request.Cursor, request.Limit);
        return await KeysetPages.ReadAsync(cmd, request.Limit, InvoiceSql.Binder.Read, r => ("", r.Id), ct);
    }

    /// <summary>The amounts of the contract's invoices that count against it (not rejected), but <paramref name="except"/>.</summary>
    public async Task<decimal> InvoicedAsync(Guid contractId, Guid except, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await InvoicedAsync(contractId, except, connection, null, ct);
    }

    /// <summary>As <see cref="InvoicedAsync(Guid, Guid, CancellationToken)"/>, on the append's connection (under the contract's lock).</summary>
    public async Task<decimal> InvoicedAsync(Guid contractId, Guid except, NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select coalesce(sum(amount), 0) from crm.invoices where contract_id = @contract and id <> @except and status <> 'rejected'", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("contract", contractId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("except", except));
        return (decimal)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The amounts of the contract's approved and issued invoices but <paramref name="except"/>: what an approval must still fit under
    /// (pending ones may yet be rejected, so they do not count here).
    /// </summary>
    public async Task<decimal> ApprovedAsync(Guid contractId, Guid except, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var own = connection is null ? await dataSource.OpenConnectionAsync(ct) : null;
        await using var cmd = new NpgsqlCommand(
            "select coalesce(sum(amount), 0) from crm.invoices where contract_id = @contract and id <> @except and status in ('approved', 'issued')",
            connection ?? own, tx);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("contract", contractId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("except", except));
        return (decimal)(await cmd.ExecuteScalarAsync(ct))!;
    }
}

using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Classification;

/// <summary>
/// CUS-10's facts per customer, async (run by the daemon), from contract and payment events. Per deal rows come first —
/// crm.customer_class_contracts (approved and not voided or deleted) and crm.customer_class_payments (approved) — because a void must
/// take its contract out again; then each touched customer's crm.customer_facts and crm.customer_spend rows are recomputed from
/// them in the same batch. Every write is an upsert, a delete or a recomputation, so a batch applied again (or a rebuild) lands on
/// the same rows. Classes are not stored: they depend on the thresholds and on today, and are computed when read (CustomerClassSql).
/// </summary>
public sealed class CustomerFactsProjection : IProjection
{
    public string Name => "crm.customer_facts";

    public IReadOnlyList<string> Tables { get; } =
        ["crm.customer_class_contracts", "crm.customer_class_payments", "crm.customer_facts", "crm.customer_spend"];

    public IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(ContractApproved), typeof(ContractVoided), typeof(ContractDeleted), typeof(PaymentApproved)];

    private sealed record ContractFact(Guid CustomerId, Money Amount, DateTimeOffset ApprovedAt);

    private static Guid ContractOf(object e) => e switch
    {
        ContractApproved x => x.ContractId,
        ContractVoided x => x.ContractId,
        ContractDeleted x => x.ContractId,
        _ => Guid.Empty,
    };

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        var ids = events.Select(e => ContractOf(e.Data)).Where(id => id != Guid.Empty).ToHashSet();
        var contracts = ids.Count == 0 ? [] : await LoadAsync(ids, context, ct);
        var payments = new Dictionary<Guid, PaymentApproved>();
        var customers = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (e.Data is PaymentApproved p)
            {
                payments[p.PaymentId] = p;
                customers.Add(p.CustomerId);
                continue;
            }
            var id = ContractOf(e.Data);
            if (id == Guid.Empty) continue;
            // The customer of the row before (a void takes the deal out of it) and after.
            if (contracts.GetValueOrDefault(id) is { } before) customers.Add(before.CustomerId);
            contracts[id] = e.Data is ContractApproved a ? new ContractFact(a.CustomerId, a.Amount, a.At) : null;
            if (contracts[id] is { } after) customers.Add(after.CustomerId);
        }
        if (customers.Count == 0) return;
        await using var batch = context.CreateBatch();
        var gone = contracts.Where(c => c.Value is null).Select(c => c.Key).ToArray();
        if (gone.Length > 0) batch.BatchCommands.Add(Command("delete from crm.customer_class_contracts where contract_id = any(@ids)", ("ids", gone)));
        var live = contracts.Where(c => c.Value is not null).Select(c => (Id: c.Key, Fact: c.Value!)).ToList();
        if (live.Count > 0) batch.BatchCommands.Add(UpsertContracts(live));
        if (payments.Count > 0) batch.BatchCommands.Add(UpsertPayments([.. payments.Values]));
        foreach (var sql in CustomerFactsSql.Recompute) batch.BatchCommands.Add(Command(sql, ("customers", customers.ToArray())));
        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate " + string.Join(", ", Tables));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Dictionary<Guid, ContractFact?>> LoadAsync(HashSet<Guid> ids, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand(
            "select contract_id, customer_id, amount, currency, approved_at from crm.customer_class_contracts where contract_id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        var rows = new Dictionary<Guid, ContractFact?>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new Tables.RowReader(reader);
        while (await reader.ReadAsync(ct))
            rows[r.Id("contract_id")] = new ContractFact(r.Id("customer_id"), new Money(r.Value<decimal>("amount"), r.Text("currency")), r.Time("approved_at"));
        return rows;
    }

    private static NpgsqlBatchCommand UpsertContracts(List<(Guid Id, ContractFact Fact)> rows) => Command(
        """
        insert into crm.customer_class_contracts (contract_id, customer_id, amount, currency, approved_at)
        select * from unnest(@id::uuid[], @customer::uuid[], @amount::numeric[], @currency::text[], @at::timestamptz[])
        on conflict (contract_id) do update set customer_id = excluded.customer_id, amount = excluded.amount, currency = excluded.currency,
            approved_at = excluded.approved_at
        """,
        ("id", rows.Select(r => r.Id).ToArray()), ("customer", rows.Select(r => r.Fact.CustomerId).ToArray()),
        ("amount", rows.Select(r => r.Fact.Amount.Amount).ToArray()), ("currency", rows.Select(r => r.Fact.Amount.Currency).ToArray()),
        ("at", rows.Select(r => r.Fact.ApprovedAt.ToUniversalTime()).ToArray()));

    private static NpgsqlBatchCommand UpsertPayments(List<PaymentApproved> rows) => Command(
        """
        insert into crm.customer_class_payments (payment_id, customer_id, contract_id, amount, currency, received_on)
        select * from unnest(@id::uuid[], @customer::uuid[], @contract::uuid[], @amount::numeric[], @currency::text[], @received::date[])
        on conflict (payment_id) do update set customer_id = excluded.customer_id, contract_id = excluded.contract_id, amount = excluded.amount,
            currency = excluded.currency, received_on = excluded.received_on
        """,
        ("id", rows.Select(r => r.PaymentId).ToArray()), ("customer", rows.Select(r => r.CustomerId).ToArray()),
        ("contract", rows.Select(r => r.ContractId).ToArray()), ("amount", rows.Select(r => r.Amount.Amount).ToArray()),
        ("currency", rows.Select(r => r.Amount.Currency).ToArray()), ("received", rows.Select(r => r.ReceivedOn).ToArray()));

    private static NpgsqlBatchCommand Command(string sql, params (string Name, Array Values)[] parameters)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var (name, values) in parameters) cmd.Parameters.Add(new NpgsqlParameter(name, values));
        return cmd;
    }
}

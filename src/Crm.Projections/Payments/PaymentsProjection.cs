using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Payments;

/// <summary>
/// crm.payments, inline: a client reads its own writes. Each payment's row is folded from its own stream; a contract's transfer moves
/// owner_id on all of its payments (owner_id is the contract's owner, so payment lists scope without a join).
/// </summary>
public sealed class PaymentsProjection : IProjection
{
    private readonly Rows rows = new();

    public string Name => "crm.payments";

    public IReadOnlyList<string> Tables { get; } = ["crm.payments"];

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(PaymentRecorded), typeof(PaymentEdited), typeof(PaymentSubmitted), typeof(PaymentApproved), typeof(PaymentRejected),
        typeof(PaymentWithdrawn), typeof(PaymentDeleted), typeof(ContractTransferred),
    ];

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        var own = events.Where(e => e.Data is not ContractTransferred).ToList();
        if (own.Count > 0) await rows.ApplyAsync(own, context, ct);
        // After the batch's own rows: a transfer sets the owner every payment of the contract has now, whatever the order they came in.
        var transfers = events.Select(e => e.Data).OfType<ContractTransferred>().ToList();
        if (transfers.Count == 0) return;
        await using var batch = context.CreateBatch();
        foreach (var t in transfers)
        {
            var cmd = new NpgsqlBatchCommand("update crm.payments set owner_id = @owner where contract_id = @contract and owner_id <> @owner");
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", t.OwnerId));
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("contract", t.ContractId));
            batch.BatchCommands.Add(cmd);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => rows.ResetAsync(context, ct);

    private sealed class Rows() : TableProjection<PaymentRow>("crm.payments", PaymentSql.Binder)
    {
        public override string Name => "crm.payments";

        public override IReadOnlyCollection<Type> EventTypes => [];

        protected override PaymentRow? Evolve(PaymentRow? current, Guid key, StoredEvent e) => PaymentRow.Evolve(current, e);
    }
}

using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Targets;

/// <summary>
/// crm.achievement_deals, async (run by the daemon), from contract and payment events. A batch loads the rows of the contracts (and
/// of the contracts of the payments) it touches, folds every event in memory and writes each touched row once; the daemon moves its
/// checkpoint in the same transaction. Targets are not folded in: achievement is summed per target when read, so changing a target
/// or its period needs no recomputation here.
/// </summary>
public sealed class AchievementProjection : IProjection
{
    public string Name => "crm.achievement";

    public IReadOnlyList<string> Tables { get; } = ["crm.achievement_deals", "crm.achievement_rollup"];

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(ContractCreated), typeof(ContractEdited), typeof(ContractTransferred), typeof(ContractApproved), typeof(ContractVoided),
        typeof(ContractDeleted), typeof(PaymentApproved),
    ];

    private static Guid ContractOf(object e) => e switch
    {
        ContractCreated x => x.ContractId,
        ContractEdited x => x.ContractId,
        ContractTransferred x => x.ContractId,
        ContractApproved x => x.ContractId,
        ContractVoided x => x.ContractId,
        ContractDeleted x => x.ContractId,
        PaymentApproved x => x.ContractId,
        _ => Guid.Empty,
    };

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        var ids = events.Select(e => ContractOf(e.Data)).Where(id => id != Guid.Empty).ToHashSet();
        if (ids.Count == 0) return;
        var paymentIds = events.Select(e => e.Data).OfType<PaymentApproved>().Select(p => p.PaymentId).ToHashSet();
        var rows = await LoadAsync(ids, paymentIds, context, ct);
        var before = new Dictionary<Guid, AchievementDeal?>(rows);
        var touched = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (e.Data is PaymentApproved p)
            {
                rows[p.PaymentId] = AchievementDeal.Payment(p, rows.GetValueOrDefault(p.ContractId), e.Timestamp);
                touched.Add(p.PaymentId);
                continue;
            }
            var id = ContractOf(e.Data);
            if (id == Guid.Empty) continue;
            rows[id] = AchievementDeal.Evolve(rows.GetValueOrDefault(id), e.Data, e.Timestamp);
            touched.Add(id);
        }
        await using var batch = context.CreateBatch();
        var gone = touched.Where(id => rows[id] is null).ToArray();
        if (gone.Length > 0) batch.BatchCommands.Add(Delete(gone));
        var live = touched.Select(id => rows[id]).OfType<AchievementDeal>().ToList();
        if (live.Count > 0) batch.BatchCommands.Add(Upsert(live));
        foreach (var command in AchievementRollup.Changes(touched.Select(id => (before.GetValueOrDefault(id), rows[id]))))
            batch.BatchCommands.Add(command);
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.achievement_deals, crm.achievement_rollup");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // The contracts' rows, and the rows of payments approved again (their old figures leave the rollup).
    private static async Task<Dictionary<Guid, AchievementDeal?>> LoadAsync(HashSet<Guid> contractIds, HashSet<Guid> paymentIds, ProjectionContext context,
        CancellationToken ct)
    {
        await using var cmd = context.CreateCommand(
            """
            select id, measure, contract_id, owner_id, current_owner_id, signed_on, approved_on, dated_on, amount, currency, counted, updated_at
            from crm.achievement_deals where (id = any(@ids) and measure = 'contract_amount') or (id = any(@payments) and measure = 'payments_received')
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", contractIds.ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("payments", paymentIds.ToArray()));
        var rows = new Dictionary<Guid, AchievementDeal?>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            rows[r.Id("id")] = new AchievementDeal(r.Id("id"), r.Text("measure"), r.Id("contract_id"), r.Id("owner_id"), r.Id("current_owner_id"),
                r.Value<DateOnly?>("signed_on"), r.Value<DateOnly?>("approved_on"), r.Value<DateOnly?>("dated_on"),
                new Money(r.Value<decimal>("amount"), r.Text("currency")), r.Flag("counted"), r.Time("updated_at"));
        }
        return rows;
    }

    private static NpgsqlBatchCommand Delete(Guid[] ids)
    {
        var cmd = new NpgsqlBatchCommand("delete from crm.achievement_deals where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
        return cmd;
    }

    private static NpgsqlBatchCommand Upsert(List<AchievementDeal> rows)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.achievement_deals
                (id, measure, contract_id, owner_id, current_owner_id, signed_on, approved_on, dated_on, amount, currency, counted, updated_at)
            select * from unnest(@id::uuid[], @measure::text[], @contract::uuid[], @owner::uuid[], @current::uuid[], @signed::date[], @approved::date[],
                @dated::date[], @amount::numeric[], @currency::text[], @counted::boolean[], @updated::timestamptz[])
            on conflict (id) do update set
                owner_id = excluded.owner_id, current_owner_id = excluded.current_owner_id, signed_on = excluded.signed_on,
                approved_on = excluded.approved_on, dated_on = excluded.dated_on, amount = excluded.amount, currency = excluded.currency,
                counted = excluded.counted, updated_at = excluded.updated_at
            """);
        Add(cmd, "id", rows.Select(r => r.Id));
        Add(cmd, "measure", rows.Select(r => r.Measure));
        Add(cmd, "contract", rows.Select(r => r.ContractId));
        Add(cmd, "owner", rows.Select(r => r.OwnerId));
        Add(cmd, "current", rows.Select(r => r.CurrentOwnerId));
        Add(cmd, "signed", rows.Select(r => r.SignedOn));
        Add(cmd, "approved", rows.Select(r => r.ApprovedOn));
        Add(cmd, "dated", rows.Select(r => r.DatedOn));
        Add(cmd, "amount", rows.Select(r => r.Amount.Amount));
        Add(cmd, "currency", rows.Select(r => r.Amount.Currency));
        Add(cmd, "counted", rows.Select(r => r.Counted));
        Add(cmd, "updated", rows.Select(r => r.UpdatedAt.ToUniversalTime()));
        return cmd;
    }

    private static void Add<T>(NpgsqlBatchCommand cmd, string name, IEnumerable<T> values) =>
        cmd.Parameters.Add(new NpgsqlParameter<T[]>(name, values.ToArray()));
}

using Crm.Events.Customers;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.RecordCare;

/// <summary>
/// crm.record_care, inline: one row per archived or merged record, so lists leave them out in the transaction that archived or
/// merged them. Each event upserts or deletes its record's row, so a replay in feed order ends in the same table.
/// </summary>
public sealed class RecordCareProjection : EventProjection
{
    public override string Name => "crm.record_care";

    public override IReadOnlyList<string> Tables { get; } = ["crm.record_care"];

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CustomerArchived), typeof(CustomerUnarchived), typeof(CustomerMergedInto)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        var cmd = e.Data switch
        {
            CustomerArchived x => Command(x.CustomerId, x.At, x.Reason,
                "insert into crm.record_care (record_id, record_kind, archived_at, reason) values (@id, 'customer', @at, @reason) " +
                "on conflict (record_id) do update set archived_at = excluded.archived_at, reason = excluded.reason"),
            // A merged customer is never unarchived (it takes no more changes), so its row is simply gone.
            CustomerUnarchived x => Command(x.CustomerId, null, null, "delete from crm.record_care where record_id = @id and merged_into is null"),
            CustomerMergedInto x => Command(x.CustomerId, x.At, reason: null,
                "insert into crm.record_care (record_id, record_kind, merged_into, merged_at) values (@id, 'customer', @survivor, @at) " +
                "on conflict (record_id) do update set merged_into = excluded.merged_into, merged_at = excluded.merged_at", x.SurvivorId),
            _ => null,
        };
        if (cmd is not null) batch.BatchCommands.Add(cmd);
    }

    /// <summary>Only the parameters the statement names: an archive has a reason, a merge a survivor, both a time.</summary>
    private static NpgsqlBatchCommand Command(Guid id, DateTimeOffset? at, string? reason, string sql, Guid? survivor = null)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        if (at is { } time) cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", time));
        if (sql.Contains("@reason", StringComparison.Ordinal))
            cmd.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
        if (survivor is { } to) cmd.Parameters.Add(new NpgsqlParameter<Guid>("survivor", to));
        return cmd;
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.record_care");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

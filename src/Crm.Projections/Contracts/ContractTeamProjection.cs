using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Contracts;

/// <summary>
/// crm.contract_team, inline: one row per (contract, member), each event an upsert or delete of its own rows (a deleted contract
/// takes its team along), so replaying in feed order always ends in the same table.
/// </summary>
public sealed class ContractTeamProjection : EventProjection
{
    public override string Name => "crm.contract_team";

    public override IReadOnlyList<string> Tables { get; } = ["crm.contract_team"];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(ContractTeamMemberAdded), typeof(ContractTeamMemberAccessChanged), typeof(ContractTeamMemberRemoved), typeof(ContractDeleted)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        var cmd = e.Data switch
        {
            ContractTeamMemberAdded x => Command(x.ContractId, x.UserId, x.Access, e.Timestamp,
                "insert into crm.contract_team (contract_id, user_id, access, added_at) values (@contract, @user, @access, @at) " +
                "on conflict (contract_id, user_id) do update set access = excluded.access"),
            ContractTeamMemberAccessChanged x => Command(x.ContractId, x.UserId, x.Access, null,
                "update crm.contract_team set access = @access where contract_id = @contract and user_id = @user"),
            ContractTeamMemberRemoved x => Command(x.ContractId, x.UserId, null, null,
                "delete from crm.contract_team where contract_id = @contract and user_id = @user"),
            ContractDeleted x => Command(x.ContractId, null, null, null, "delete from crm.contract_team where contract_id = @contract"),
            _ => null,
        };
        if (cmd is not null) batch.BatchCommands.Add(cmd);
    }

    private static NpgsqlBatchCommand Command(Guid contract, Guid? user, string? access, DateTimeOffset? at, string sql)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("contract", contract));
        if (user is { } id) cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", id));
        if (access is not null) cmd.Parameters.Add(new NpgsqlParameter<string>("access", access));
        if (at is { } time) cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", time));
        return cmd;
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.contract_team");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

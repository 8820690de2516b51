using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Opportunities;

/// <summary>
/// crm.opportunity_team, inline: one row per (opportunity, member), each event an upsert or delete of its own rows (a deleted
/// opportunity takes its team along), so replaying in feed order always ends in the same table.
/// </summary>
public sealed class OpportunityTeamProjection : EventProjection
{
    public override string Name => "crm.opportunity_team";

    public override IReadOnlyList<string> Tables { get; } = ["crm.opportunity_team"];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(OpportunityTeamMemberAdded), typeof(OpportunityTeamMemberAccessChanged), typeof(OpportunityTeamMemberRemoved), typeof(OpportunityDeleted)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        var cmd = e.Data switch
        {
            OpportunityTeamMemberAdded x => Command(x.OpportunityId, x.UserId, x.Access, e.Timestamp,
                "insert into crm.opportunity_team (opportunity_id, user_id, access, added_at) values (@opportunity, @user, @access, @at) " +
                "on conflict (opportunity_id, user_id) do update set access = excluded.access"),
            OpportunityTeamMemberAccessChanged x => Command(x.OpportunityId, x.UserId, x.Access, null,
                "update crm.opportunity_team set access = @access where opportunity_id = @opportunity and user_id = @user"),
            OpportunityTeamMemberRemoved x => Command(x.OpportunityId, x.UserId, null, null,
                "delete from crm.opportunity_team where opportunity_id = @opportunity and user_id = @user"),
            OpportunityDeleted x => Command(x.OpportunityId, null, null, null, "delete from crm.opportunity_team where opportunity_id = @opportunity"),
            _ => null,
        };
        if (cmd is not null) batch.BatchCommands.Add(cmd);
    }

    private static NpgsqlBatchCommand Command(Guid opportunity, Guid? user, string? access, DateTimeOffset? at, string sql)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("opportunity", opportunity));
        if (user is { } id) cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", id));
        if (access is not null) cmd.Parameters.Add(new NpgsqlParameter<string>("access", access));
        if (at is { } time) cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", time));
        return cmd;
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.opportunity_team");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

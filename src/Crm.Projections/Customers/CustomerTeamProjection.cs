using Crm.Events.Customers;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Customers;

/// <summary>
/// crm.customer_team, inline: one row per (customer, member). Each event is applied as an upsert or
/// delete of its own row, so replaying in feed order always ends in the same table.
/// </summary>
public sealed class CustomerTeamProjection : EventProjection
{
    public override string Name => "crm.customer_team";

    public override IReadOnlyList<string> Tables { get; } = ["crm.customer_team"];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(CustomerTeamMemberAdded), typeof(CustomerTeamMemberAccessChanged), typeof(CustomerTeamMemberRemoved)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        var cmd = e.Data switch
        {
            CustomerTeamMemberAdded x => Command(x.CustomerId, x.UserId, x.Access, e.Timestamp,
                "insert into crm.customer_team (customer_id, user_id, access, added_at) values (@customer, @user, @access, @at) " +
                "on conflict (customer_id, user_id) do update set access = excluded.access"),
            CustomerTeamMemberAccessChanged x => Command(x.CustomerId, x.UserId, x.Access, null,
                "update crm.customer_team set access = @access where customer_id = @customer and user_id = @user"),
            CustomerTeamMemberRemoved x => Command(x.CustomerId, x.UserId, null, null,
                "delete from crm.customer_team where customer_id = @customer and user_id = @user"),
            _ => null,
        };
        if (cmd is not null) batch.BatchCommands.Add(cmd);
    }

    private static NpgsqlBatchCommand Command(Guid customer, Guid user, string? access, DateTimeOffset? at, string sql)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("customer", customer));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", user));
        if (access is not null) cmd.Parameters.Add(new NpgsqlParameter<string>("access", access));
        if (at is { } time) cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", time));
        return cmd;
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.customer_team");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

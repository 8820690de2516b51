using Crm.Events.Org;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Org;

/// <summary>
/// org.roles, inline: it commits with the role's events, so a client reads its own writes, the user
/// commands see a role as soon as it exists, and the permission engine sees every committed edit.
/// </summary>
public sealed class RolesProjection : SingleStreamProjection<RoleRow>
{
    public override string Name => "org.roles";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(RoleCreated), typeof(RoleRenamed), typeof(RoleDescriptionChanged),
        typeof(RolePermissionsChanged), typeof(RoleDataScopeChanged), typeof(RoleDeleted),
    ];

    protected override RoleRow? Evolve(RoleRow? current, Guid key, StoredEvent e) => RoleRow.Evolve(current, e);

    protected override async Task<IReadOnlyDictionary<Guid, RoleRow>> LoadAsync(IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {RoleSql.Columns} from org.roles where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", keys.ToArray()));
        var rows = new Dictionary<Guid, RoleRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = RoleSql.Read(reader);
            rows[row.Id] = row;
        }
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, RoleRow doc)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into org.roles (id, name, description, permissions, data_scope, is_deleted, version, created_at, updated_at)
            values (@id, @name, @description, @permissions, @scope, @deleted, @version, @created, @updated)
            on conflict (id) do update set name = excluded.name, description = excluded.description, permissions = excluded.permissions,
                data_scope = excluded.data_scope, is_deleted = excluded.is_deleted, version = excluded.version, updated_at = excluded.updated_at
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", doc.Name));
        cmd.Parameters.Add(new NpgsqlParameter<string>("description", doc.Description));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("permissions", doc.Permissions.ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string>("scope", doc.DataScope));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("deleted", doc.IsDeleted));
        cmd.Parameters.Add(new NpgsqlParameter<long>("version", doc.Version));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created", doc.CreatedAt));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated", doc.UpdatedAt));
        batch.BatchCommands.Add(cmd);
    }

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = new NpgsqlBatchCommand("delete from org.roles where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate org.roles");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

using Crm.Events.Org;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Org;

/// <summary>
/// org.users, inline: it commits with the user's events, so sign-in, the uniqueness check on mobile
/// numbers and the superior-chain check all see every committed change.
/// </summary>
public sealed class UsersProjection : SingleStreamProjection<UserRow>
{
    public override string Name => "org.users";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(UserRegistered), typeof(UserMobileChanged), typeof(UserRenamed), typeof(UserGenderChanged), typeof(UserEmailChanged),
        typeof(UserDepartmentChanged), typeof(UserPositionChanged), typeof(UserSuperiorChanged), typeof(UserRolesChanged),
        typeof(UserSuperAdminGranted), typeof(UserSuperAdminRevoked), typeof(UserDisabled), typeof(UserEnabled),
        typeof(UserPasswordSet), typeof(UserRecordsHandedOver),
    ];

    protected override UserRow? Evolve(UserRow? current, Guid key, StoredEvent e) => UserRow.Evolve(current, e);

    protected override async Task<IReadOnlyDictionary<Guid, UserRow>> LoadAsync(IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {UserSql.Columns} from org.users where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", keys.ToArray()));
        var rows = new Dictionary<Guid, UserRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = UserSql.Read(reader);
            rows[row.Id] = row;
        }
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, UserRow doc)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into org.users (id, mobile, display_name, gender, email, department_id, position_id, superior_id, role_ids,
                                   is_super_admin, is_disabled, version, created_at, updated_at)
            values (@id, @mobile, @name, @gender, @email, @department, @position, @superior, @roles, @super, @disabled, @version, @created, @updated)
            on conflict (id) do update set mobile = excluded.mobile, display_name = excluded.display_name, gender = excluded.gender,
                email = excluded.email, department_id = excluded.department_id, position_id = excluded.position_id,
                superior_id = excluded.superior_id, role_ids = excluded.role_ids, is_super_admin = excluded.is_super_admin,
                is_disabled = excluded.is_disabled, version = excluded.version, updated_at = excluded.updated_at
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        cmd.Parameters.Add(new NpgsqlParameter<string>("mobile", doc.Mobile));
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", doc.DisplayName));
        cmd.Parameters.Add(new NpgsqlParameter<string>("gender", doc.Gender));
        cmd.Parameters.Add(new NpgsqlParameter("email", NpgsqlDbType.Text) { Value = (object?)doc.Email ?? DBNull.Value });
        cmd.Parameters.Add(Nullable("department", doc.DepartmentId));
        cmd.Parameters.Add(Nullable("position", doc.PositionId));
        cmd.Parameters.Add(Nullable("superior", doc.SuperiorId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("roles", doc.RoleIds.ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("super", doc.IsSuperAdmin));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("disabled", doc.IsDisabled));
        cmd.Parameters.Add(new NpgsqlParameter<long>("version", doc.Version));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created", doc.CreatedAt));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated", doc.UpdatedAt));
        batch.BatchCommands.Add(cmd);
    }

    private static NpgsqlParameter Nullable(string name, Guid? value) =>
        new(name, NpgsqlDbType.Uuid) { Value = (object?)value ?? DBNull.Value };

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = new NpgsqlBatchCommand("delete from org.users where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate org.users");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

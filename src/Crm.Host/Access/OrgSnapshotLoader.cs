using System.Data;
using Crm.Write.Access;
using Npgsql;

namespace Crm.Host.Access;

/// <summary>
/// Loads the org snapshot from the read models (org.users, org.departments, org.roles) and the
/// counter it belongs to, in one repeatable-read transaction: the rows and the counter come from
/// the same moment, so a snapshot is never tagged newer than its contents.
/// </summary>
public sealed class OrgSnapshotLoader(NpgsqlDataSource dataSource)
{
    /// <summary>The counter alone: one indexed single-row read, what each request pays when nothing changed.</summary>
    public async Task<long> CurrentVersionAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("select counter from org.access_version");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<OrgSnapshot> LoadAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        long version;
        await using (var cmd = new NpgsqlCommand("select counter from org.access_version", connection, tx))
            version = (long)(await cmd.ExecuteScalarAsync(ct))!;

        var users = new List<OrgUser>();
        await using (var cmd = new NpgsqlCommand("select id, department_id, superior_id, role_ids, is_super_admin, is_disabled from org.users", connection, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                users.Add(new OrgUser(reader.GetGuid(0), NullableGuid(reader, 1), NullableGuid(reader, 2),
                    reader.GetFieldValue<Guid[]>(3), reader.GetBoolean(4), reader.GetBoolean(5)));
        }

        var departments = new List<OrgDepartment>();
        await using (var cmd = new NpgsqlCommand("select id, parent_id from org.departments", connection, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) departments.Add(new OrgDepartment(reader.GetGuid(0), NullableGuid(reader, 1)));
        }

        var roles = new List<OrgRole>();
        await using (var cmd = new NpgsqlCommand("select id, permissions, data_scope from org.roles where not is_deleted", connection, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                // A scope name this build does not know (written by a newer one) grants the narrowest scope, never a wider one.
                var scope = DataScopes.TryParse(reader.GetString(2), out var parsed) ? parsed : DataScope.Self;
                roles.Add(new OrgRole(reader.GetGuid(0), reader.GetFieldValue<string[]>(1).ToHashSet(StringComparer.Ordinal), scope));
            }
        }
        await tx.CommitAsync(ct);
        return new OrgSnapshot(version, users, departments, roles);
    }

    private static Guid? NullableGuid(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
}

using System.Data;
using Npgsql;

namespace Crm.Projections.Access;

/// <summary>A user as the access snapshot needs them.</summary>
public sealed record SnapshotUser(Guid Id, Guid? DepartmentId, Guid? SuperiorId, Guid[] RoleIds, bool IsSuperAdmin, bool IsDisabled);

/// <summary>A department's place in the tree.</summary>
public sealed record SnapshotDepartment(Guid Id, Guid? ParentId);

/// <summary>A live role's permissions and data scope (its stored name; the write side parses it).</summary>
public sealed record SnapshotRole(Guid Id, string[] Permissions, string DataScope);

/// <summary>The org read models at one moment, tagged with the access counter of that moment.</summary>
public sealed record SnapshotRows(
    long Version, IReadOnlyList<SnapshotUser> Users, IReadOnlyList<SnapshotDepartment> Departments, IReadOnlyList<SnapshotRole> Roles);

/// <summary>
/// Reads what the access snapshot is built from (org.users, org.departments, org.roles) and the counter
/// it belongs to, in one repeatable-read transaction: the rows and the counter come from the same
/// moment, so a snapshot is never tagged newer than its contents.
/// </summary>
public sealed class OrgSnapshotQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The counter alone: one indexed single-row read, what each request pays when nothing changed.</summary>
    public async Task<long> CurrentVersionAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("select counter from org.access_version");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<SnapshotRows> LoadAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        long version;
        await using (var cmd = new NpgsqlCommand("select counter from org.access_version", connection, tx))
            version = (long)(await cmd.ExecuteScalarAsync(ct))!;
        var users = await ReadAsync(connection, tx, "select id, department_id, superior_id, role_ids, is_super_admin, is_disabled from org.users",
            r => new SnapshotUser(r.GetGuid(0), NullableGuid(r, 1), NullableGuid(r, 2), r.GetFieldValue<Guid[]>(3), r.GetBoolean(4), r.GetBoolean(5)), ct);
        var departments = await ReadAsync(connection, tx, "select id, parent_id from org.departments",
            r => new SnapshotDepartment(r.GetGuid(0), NullableGuid(r, 1)), ct);
        var roles = await ReadAsync(connection, tx, "select id, permissions, data_scope from org.roles where not is_deleted",
            r => new SnapshotRole(r.GetGuid(0), r.GetFieldValue<string[]>(1), r.GetString(2)), ct);
        await tx.CommitAsync(ct);
        return new SnapshotRows(version, users, departments, roles);
    }

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction tx, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }

    private static Guid? NullableGuid(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
}

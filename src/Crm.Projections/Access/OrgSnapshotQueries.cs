using System.Data;
using Crm.Projections.Tables;
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
            r => new SnapshotUser(r.Id("id"), r.IdOrNull("department_id"), r.IdOrNull("superior_id"), r.Value<Guid[]>("role_ids"),
                r.Flag("is_super_admin"), r.Flag("is_disabled")), ct);
        var departments = await ReadAsync(connection, tx, "select id, parent_id from org.departments",
            r => new SnapshotDepartment(r.Id("id"), r.IdOrNull("parent_id")), ct);
        var roles = await ReadAsync(connection, tx, "select id, permissions, data_scope from org.roles where not is_deleted",
            r => new SnapshotRole(r.Id("id"), r.Value<string[]>("permissions"), r.Text("data_scope")), ct);
        await tx.CommitAsync(ct);
        return new SnapshotRows(version, users, departments, roles);
    }

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction tx, string sql, Func<RowReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(read(new RowReader(reader)));
        return rows;
    }
}

using Npgsql;

namespace Crm.Projections.Org;

/// <summary>The column list and reader shared by the projection and the queries, so they cannot drift.</summary>
internal static class RoleSql
{
    public const string Columns = "id, name, description, permissions, data_scope, is_deleted, version, created_at, updated_at";

    public static RoleRow Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetString(4),
        reader.GetBoolean(5), reader.GetInt64(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8));
}

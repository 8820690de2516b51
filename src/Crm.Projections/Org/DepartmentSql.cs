using Npgsql;

namespace Crm.Projections.Org;

/// <summary>The column list and reader shared by the projection and the queries, so they cannot drift.</summary>
internal static class DepartmentSql
{
    public const string Columns = "id, name, parent_id, version, created_at, updated_at";

    public static DepartmentRow Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetInt64(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
}

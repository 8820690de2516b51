using Npgsql;

namespace Crm.Projections.Org;

/// <summary>The column list and reader shared by the projection and the queries, so they cannot drift.</summary>
internal static class PositionSql
{
    public const string Columns = "id, name, department_id, superior_position_id, version, created_at, updated_at";

    public static PositionRow Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetInt64(4),
        reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6));
}

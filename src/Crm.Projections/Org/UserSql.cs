using Npgsql;

namespace Crm.Projections.Org;

/// <summary>The column list and reader shared by the projection and the queries, so they cannot drift.</summary>
internal static class UserSql
{
    public const string Columns =
        "id, mobile, display_name, gender, email, department_id, position_id, superior_id, role_ids, is_super_admin, is_disabled, version, created_at, updated_at";

    public static UserRow Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), NullableString(reader, 4),
        NullableGuid(reader, 5), NullableGuid(reader, 6), NullableGuid(reader, 7), reader.GetFieldValue<Guid[]>(8),
        reader.GetBoolean(9), reader.GetBoolean(10), reader.GetInt64(11),
        reader.GetFieldValue<DateTimeOffset>(12), reader.GetFieldValue<DateTimeOffset>(13));

    private static Guid? NullableGuid(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetGuid(i);

    private static string? NullableString(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}

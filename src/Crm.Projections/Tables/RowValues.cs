using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Tables;

/// <summary>
/// Binds a row's values to a statement's parameters, each parameter named after its column (@owner_id for
/// owner_id); nullable values carry their database type, so a null still binds to the column's type.
/// </summary>
public readonly struct RowValues(NpgsqlParameterCollection parameters)
{
    /// <summary>A value that is never null (ids, names, flags, versions, arrays).</summary>
    public RowValues Set<T>(string column, T value)
    {
        parameters.Add(new NpgsqlParameter<T>(column, value));
        return this;
    }

    public RowValues Text(string column, string? value) => Nullable(column, NpgsqlDbType.Text, value);

    public RowValues Id(string column, Guid? value) => Nullable(column, NpgsqlDbType.Uuid, value);

    public RowValues Time(string column, DateTimeOffset? value) => Nullable(column, NpgsqlDbType.TimestampTz, value);

    public RowValues Json(string column, string? value) => Nullable(column, NpgsqlDbType.Jsonb, value);

    public RowValues Date(string column, DateOnly? value) => Nullable(column, NpgsqlDbType.Date, value);

    private RowValues Nullable(string column, NpgsqlDbType type, object? value)
    {
        parameters.Add(new NpgsqlParameter(column, type) { Value = value ?? DBNull.Value });
        return this;
    }
}

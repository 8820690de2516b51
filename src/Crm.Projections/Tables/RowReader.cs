using Npgsql;

namespace Crm.Projections.Tables;

/// <summary>
/// Reads the current row of a query by column name, never by position: a column added to or moved in
/// a select list cannot shift the values read into the wrong fields.
/// </summary>
public readonly struct RowReader(NpgsqlDataReader reader)
{
    private int At(string column) => reader.GetOrdinal(column);

    public Guid Id(string column) => reader.GetGuid(At(column));

    public Guid? IdOrNull(string column) => At(column) is var i && reader.IsDBNull(i) ? null : reader.GetGuid(i);

    public string Text(string column) => reader.GetString(At(column));

    public string? TextOrNull(string column) => At(column) is var i && reader.IsDBNull(i) ? null : reader.GetString(i);

    public bool Flag(string column) => reader.GetBoolean(At(column));

    public int Int(string column) => reader.GetInt32(At(column));

    public long Long(string column) => reader.GetInt64(At(column));

    public DateTimeOffset Time(string column) => reader.GetFieldValue<DateTimeOffset>(At(column));

    public DateTimeOffset? TimeOrNull(string column) => At(column) is var i && reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);

    /// <summary>Any other type Npgsql reads (arrays, dates).</summary>
    public T Value<T>(string column) => reader.GetFieldValue<T>(At(column));
}

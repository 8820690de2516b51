using Npgsql;

namespace Crm.Projections.Tables;

/// <summary>
/// How a row type maps to its table, column by name: the columns, how a row is read from a query and
/// how its values are bound for a write. The projection and the queries share one binder, so the
/// table's writer and its readers cannot drift.
/// </summary>
/// <param name="key">The key column; a write never changes it.</param>
/// <param name="columns">Every column the row has, as the table names them.</param>
public abstract class RowBinder<TRow>(string key, params string[] columns)
{
    public string Key { get; } = key;

    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>Columns written once, when the row is inserted: the key and created_at unless a binder says more.</summary>
    public virtual IReadOnlySet<string> InsertOnly => new HashSet<string>([Key, "created_at"], StringComparer.Ordinal);

    /// <summary>The select list, each column under its own name ("filter::text as filter" where a column reads through a cast).</summary>
    public string SelectList => selectList ??= string.Join(", ", Columns.Select(c => Select(c) is var s && s == c ? c : $"{s} as {c}"));

    private string? selectList;

    /// <summary>The expression a column is selected with; the column itself unless it must be cast to read.</summary>
    protected virtual string Select(string column) => column;

    public abstract TRow Read(RowReader row);

    public TRow Read(NpgsqlDataReader reader) => Read(new RowReader(reader));

    /// <summary>Binds every column's value, each under the column's name.</summary>
    public abstract void Write(TRow row, RowValues values);
}

using System.Text.RegularExpressions;

namespace Crm.EventStore.Rebuilds;

/// <summary>
/// The shadow of each table a projection owns: <c>crm.customers</c> is built as <c>crm_rebuild.customers</c> (a schema beside the
/// live one, the same table name, so index and constraint names stay short and unique). <see cref="Apply"/> rewrites a statement's
/// references to the owned tables, and only those: what the projection reads of other read models stays the live table.
/// </summary>
public sealed partial class ShadowTables
{
    private readonly Regex owned;

    public ShadowTables(IReadOnlyList<string> tables)
    {
        if (tables.Count == 0) throw new ArgumentException("A shadow needs at least one table.", nameof(tables));
        Tables = tables.Select(Parse).ToList();
        var alternatives = string.Join("|", Tables.Select(t => Regex.Escape($"{t.Schema}.{t.Name}")));
        // Word boundaries: crm.receivable_plans must not match crm.receivable_plans_remind, nor a shadow name again.
        owned = new Regex($@"(?<![\w.""])(?:{alternatives})(?![\w""])", RegexOptions.CultureInvariant);
    }

    public IReadOnlyList<(string Schema, string Name)> Tables { get; }

    public static string ShadowSchema(string schema) => schema + "_rebuild";

    public string Apply(string sql) => owned.Replace(sql, m =>
    {
        var dot = m.Value.IndexOf('.', StringComparison.Ordinal);
        return ShadowSchema(m.Value[..dot]) + m.Value[dot..];
    });

    private static (string, string) Parse(string table)
    {
        var match = QualifiedName().Match(table);
        if (!match.Success) throw new ArgumentException($"'{table}' is not a schema-qualified table name (lower case, unquoted).", nameof(table));
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    [GeneratedRegex(@"^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();
}

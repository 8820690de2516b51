using System.Text.RegularExpressions;
using Crm.EventStore.Schema;

namespace Crm.Benchmarks;

/// <summary>
/// The baseline's tables: the engine's own first migration (0001_event_store.sql) with schema "es"
/// renamed "raw", so the baseline writes exactly as many index entries and fires exactly as many
/// triggers as the engine, and cannot drift from it. Only the engine's logic (the append statement
/// or function, the command log, notifications) is missing from the baseline's writes.
/// </summary>
public static partial class BaselineSchema
{
    public static string Sql { get; } =
        "drop schema if exists raw cascade;\ncreate schema raw;\n" +
        EsSchemaName().Replace(SchemaMigrator.EventStoreMigrations.Single(m => m.Number == 1).Sql, "raw.");

    [GeneratedRegex(@"\bes\.")]
    private static partial Regex EsSchemaName();
}

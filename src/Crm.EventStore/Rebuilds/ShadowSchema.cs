using System.Text.RegularExpressions;
using Npgsql;

namespace Crm.EventStore.Rebuilds;

/// <summary>The DDL of a blue/green rebuild: shadow tables shaped like the live ones, and the swap that puts them in their place.</summary>
internal static partial class ShadowSchema
{
    /// <summary>Empty shadows of each table (columns, defaults, constraints, indexes, comments); a left-over one is dropped first.</summary>
    public static async Task CreateShadowsAsync(NpgsqlConnection connection, ShadowTables shadow, CancellationToken ct)
    {
        foreach (var (schema, name) in shadow.Tables)
        {
            var target = $"{ShadowTables.ShadowSchema(schema)}.{name}";
            await ExecuteAsync(connection, null,
                $"create schema if not exists {ShadowTables.ShadowSchema(schema)}; drop table if exists {target}; " +
                $"create table {target} (like {schema}.{name} including all)", ct);
        }
    }

    /// <summary>A shadow built by upserts is full of dead rows and has no statistics: the live table it replaces had both right.</summary>
    public static async Task VacuumAsync(NpgsqlConnection connection, ShadowTables shadow, CancellationToken ct)
    {
        foreach (var (schema, name) in shadow.Tables)
            await ExecuteAsync(connection, null, $"vacuum (analyze) {ShadowTables.ShadowSchema(schema)}.{name}", ct);
    }

    /// <summary>
    /// In the swap's transaction: each live table is dropped and its shadow moved into the live schema under its name; the
    /// shadow's indexes and constraints take the old names (later migrations name them), and the table keeps its comment, grants
    /// and triggers.
    /// </summary>
    public static async Task SwapInAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ShadowTables shadow, CancellationToken ct)
    {
        foreach (var (schema, name) in shadow.Tables)
        {
            var live = $"{schema}.{name}";
            var next = $"{ShadowTables.ShadowSchema(schema)}.{name}";
            await RefuseDependentsAsync(connection, tx, live, ct);
            var oldIndexes = await IndexesAsync(connection, tx, live, ct);
            var newIndexes = await IndexesAsync(connection, tx, next, ct);
            var comment = await ScalarAsync<string?>(connection, tx, $"select obj_description('{live}'::regclass, 'pg_class')", ct);
            var grants = await GrantsAsync(connection, tx, schema, name, ct);
            var triggers = await ListAsync(connection, tx,
                $"select pg_get_triggerdef(oid) from pg_trigger where tgrelid = '{live}'::regclass and not tgisinternal order by tgname", ct);

            await ExecuteAsync(connection, tx, $"drop table {live}; alter table {next} set schema {schema}", ct);
            foreach (var (newName, definition) in newIndexes)
            {
                var match = oldIndexes.FirstOrDefault(o => o.Definition == definition);
                if (match.Name is null) continue;
                oldIndexes.Remove(match);
                if (match.Name != newName) await ExecuteAsync(connection, tx, $"alter index {schema}.\"{newName}\" rename to \"{match.Name}\"", ct);
            }
            // A comment cannot be a parameter; standard_conforming_strings (the default since 9.1) makes doubled quotes the only escape.
            if (comment is not null)
                await ExecuteAsync(connection, tx, $"comment on table {live} is '{comment.Replace("'", "''", StringComparison.Ordinal)}'", ct);
            foreach (var (grantee, privileges) in grants)
                await ExecuteAsync(connection, tx, $"grant {privileges} on {live} to \"{grantee}\"", ct);
            // CREATE TRIGGER … ON schema.table: the definition names the live table, which the shadow now is.
            foreach (var trigger in triggers) await ExecuteAsync(connection, tx, trigger, ct);
        }
    }

    /// <summary>Foreign keys into a table or views over it would be dropped with it: such a table is not swapped (none is today).</summary>
    private static async Task RefuseDependentsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string live, CancellationToken ct)
    {
        var dependents = await ScalarAsync<long>(connection, tx,
            $"""
            select (select count(*) from pg_constraint where confrelid = '{live}'::regclass and conrelid <> '{live}'::regclass)
                 + (select count(distinct r.ev_class) from pg_depend d join pg_rewrite r on r.oid = d.objid
                     where d.refobjid = '{live}'::regclass and r.ev_class <> '{live}'::regclass)
            """, ct);
        if (dependents > 0)
            throw new InvalidOperationException($"{live} has foreign keys or views that depend on it: a swap would drop them. Rebuild it in place.");
    }

    private static async Task<List<(string Name, string Definition)>> IndexesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string table,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select c.relname, pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid " +
            $"where i.indrelid = '{table}'::regclass order by c.relname", connection, tx);
        var list = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add((reader.GetString(0), IndexHead().Replace(reader.GetString(1), "$1 ON ")));
        return list;
    }

    private static async Task<List<(string Grantee, string Privileges)>> GrantsAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        string schema, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            select g.grantee, string_agg(g.privilege_type, ', ') from information_schema.role_table_grants g
             where g.table_schema = @s and g.table_name = @t
               and g.grantee <> (select tableowner from pg_tables where schemaname = @s and tablename = @t)
             group by g.grantee
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("s", schema));
        cmd.Parameters.Add(new NpgsqlParameter<string>("t", name));
        var list = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        var list = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(reader.GetString(0));
        return list;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DBNull or null ? default! : (T)value;
    }

    // "CREATE UNIQUE INDEX customers_pkey ON crm_rebuild.customers USING btree (id)" → "CREATE UNIQUE INDEX ON USING btree (id)":
    // what the index is, whatever its name and table.
    [GeneratedRegex(@"^(CREATE (?:UNIQUE )?INDEX) \S+ ON (?:ONLY )?\S+ ", RegexOptions.CultureInvariant)]
    private static partial Regex IndexHead();
}

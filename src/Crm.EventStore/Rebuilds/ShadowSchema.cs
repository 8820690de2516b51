using System.Text.RegularExpressions;
using Npgsql;

namespace Crm.EventStore.Rebuilds;

/// <summary>The DDL of a blue/green rebuild: shadow tables shaped like the live ones, and the swap that puts them in their place.</summary>
internal static partial class ShadowSchema
{
    /// <summary>
    /// Empty shadows of each table (columns, defaults, constraints, indexes, comments, storage parameters such as a fillfactor that
    /// LIKE leaves behind); a left-over one is dropped first.
    /// </summary>
    public static async Task CreateShadowsAsync(NpgsqlConnection connection, ShadowTables shadow, CancellationToken ct)
    {
        foreach (var (schema, name) in shadow.Tables)
        {
            var target = $"{ShadowTables.ShadowSchema(schema)}.{name}";
            try
            {
                await ExecuteAsync(connection, null, $"create schema if not exists {ShadowTables.ShadowSchema(schema)}", ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema)
            {
                // Two first rebuilds at once: the other made it.
            }
            await ExecuteAsync(connection, null, $"drop table if exists {target}; create table {target} (like {schema}.{name} including all)", ct);
            var options = await ListAsync(connection, null,
                $"select array_to_string(reloptions, ', ') from pg_class where oid = '{schema}.{name}'::regclass and reloptions is not null", ct);
            foreach (var option in options) await ExecuteAsync(connection, null, $"alter table {target} set ({option})", ct);
        }
    }

    /// <summary>Drops the shadows (a failed rebuild's: they would keep values an erasure since masked in the live tables).</summary>
    public static async Task DropShadowsAsync(NpgsqlConnection connection, ShadowTables shadow, CancellationToken ct)
    {
        foreach (var (schema, name) in shadow.Tables)
            await ExecuteAsync(connection, null, $"drop table if exists {ShadowTables.ShadowSchema(schema)}.{name}", ct);
    }

    /// <summary>
    /// Whether every shadow is there and still shaped like its live table (a rebuild under way can go on with them): a migration
    /// that changed a live table meanwhile makes its shadow useless — swapped in, it would undo the migration.
    /// </summary>
    public static async Task<bool> ExistAsync(NpgsqlConnection connection, ShadowTables shadow, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select bool_and(to_regclass(t) is not null) from unnest(@t) t", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("t", [.. shadow.Tables.Select(t => $"{ShadowTables.ShadowSchema(t.Schema)}.{t.Name}")]));
        return await cmd.ExecuteScalarAsync(ct) is true && await ShapeChangeAsync(connection, null, shadow, ct) is null;
    }

    /// <summary>The first live table whose columns or indexes differ from its shadow's (a migration ran meanwhile), or null.</summary>
    public static async Task<string?> ShapeChangeAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, ShadowTables shadow, CancellationToken ct)
    {
        foreach (var (schema, name) in shadow.Tables)
        {
            var live = $"{schema}.{name}";
            var next = $"{ShadowTables.ShadowSchema(schema)}.{name}";
            if (!(await ColumnsAsync(connection, tx, live, ct)).SequenceEqual(await ColumnsAsync(connection, tx, next, ct))
                || !(await IndexesAsync(connection, tx, live, ct)).Select(i => i.Definition).Order(StringComparer.Ordinal)
                    .SequenceEqual((await IndexesAsync(connection, tx, next, ct)).Select(i => i.Definition).Order(StringComparer.Ordinal)))
                return live;
        }
        return null;
    }

    private static Task<List<string>> ColumnsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string table, CancellationToken ct) =>
        ListAsync(connection, tx,
            $"""
            select a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
              from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
             where a.attrelid = '{table}'::regclass and a.attnum > 0 and not a.attisdropped
             order by a.attnum
            """, ct);

    /// <summary>
    /// First in a swap's transaction: every live table locked at once, in one statement (no reader holding one and waiting for
    /// another can deadlock with the drops), which also waits out any writer that took no gate (a host of an older build).
    /// </summary>
    public static Task LockLiveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ShadowTables shadow, CancellationToken ct) =>
        ExecuteAsync(connection, tx, $"lock table {string.Join(", ", shadow.Tables.Select(t => $"{t.Schema}.{t.Name}"))} in access exclusive mode", ct);

    /// <summary>What a swap may meet and try again after: its lock timeout (a long reader) or a deadlock it was chosen to end.</summary>
    public static bool IsContention(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected };

    /// <summary>A shadow built by upserts is full of dead rows and has no statistics: the live table it replaces had both right.</summary>
    public static async Task VacuumAsync(NpgsqlConnection connection, ShadowTables shadow, CancellationToken ct)
    {
        foreach (var (schema, name) in shadow.Tables)
        {
            // However long it takes on a big table: the default command timeout would fail the rebuild here.
            await using var cmd = new NpgsqlCommand($"vacuum (analyze) {ShadowTables.ShadowSchema(schema)}.{name}", connection) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// In the swap's transaction: each live table is dropped and its shadow moved into the live schema under its name; the
    /// shadow's indexes and constraints take the old names (later migrations name them), and the table keeps its comment, grants
    /// and triggers. Views over the tables are dropped first and made again over the new ones, with their comments and grants.
    /// </summary>
    public static async Task SwapInAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ShadowTables shadow, CancellationToken ct)
    {
        if (await ShapeChangeAsync(connection, tx, shadow, ct) is { } changed)
            throw new InvalidOperationException($"{changed} changed shape while its shadow was built (a migration?): rebuild it again.");
        var tables = shadow.Tables.Select(t => $"{t.Schema}.{t.Name}").ToArray();
        await RefuseForeignKeysAsync(connection, tx, tables, ct);
        var views = await DependentViewsAsync(connection, tx, tables, ct);
        foreach (var view in views) await ExecuteAsync(connection, tx, $"drop view {view.Name}", ct);
        foreach (var (schema, name) in shadow.Tables) await SwapTableAsync(connection, tx, schema, name, ct);
        foreach (var view in views)
        {
            await ExecuteAsync(connection, tx, $"create view {view.Name} as {view.Definition}", ct);
            foreach (var statement in view.Decorations) await ExecuteAsync(connection, tx, statement, ct);
        }
    }

    private static async Task SwapTableAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, string name, CancellationToken ct)
    {
        var live = $"{schema}.{name}";
        var next = $"{ShadowTables.ShadowSchema(schema)}.{name}";
        var oldIndexes = await IndexesAsync(connection, tx, live, ct);
        var newIndexes = await IndexesAsync(connection, tx, next, ct);
        var decorations = await DecorationsAsync(connection, tx, live, "table", ct);
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
        foreach (var statement in decorations) await ExecuteAsync(connection, tx, statement, ct);
        // CREATE TRIGGER … ON schema.table: the definition names the live table, which the shadow now is.
        foreach (var trigger in triggers) await ExecuteAsync(connection, tx, trigger, ct);
    }

    /// <summary>
    /// Foreign keys into or out of the tables: a shadow (made LIKE the table) has none, and a drop would take those into it along.
    /// Such a table is not swapped (none is today): rebuild it in place.
    /// </summary>
    private static async Task RefuseForeignKeysAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string[] tables, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select string_agg(conname, ', ') from pg_constraint " +
            "where contype = 'f' and (conrelid = any(@t::regclass[]) or confrelid = any(@t::regclass[]))",
            connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("t", tables));
        if (await cmd.ExecuteScalarAsync(ct) is string keys)
            throw new InvalidOperationException($"Foreign keys ({keys}) tie {string.Join(", ", tables)} to other tables: a swap would drop them.");
    }

    private sealed record View(string Name, string Definition, List<string> Decorations);

    /// <summary>The views over the tables, to be made again after the swap (a view over such a view is refused).</summary>
    private static async Task<List<View>> DependentViewsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string[] tables,
        CancellationToken ct)
    {
        var views = new List<View>();
        await using (var cmd = new NpgsqlCommand(
            """
            select distinct v.oid::regclass::text, pg_get_viewdef(v.oid), v.relkind
              from pg_depend d join pg_rewrite r on r.oid = d.objid join pg_class v on v.oid = r.ev_class
             where d.refobjid = any(@t::regclass[]) and v.oid <> all(@t::regclass[])
             order by 1
            """, connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("t", tables));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetChar(2) != 'v') throw new InvalidOperationException($"{reader.GetString(0)} (a materialized view) depends on the tables.");
                views.Add(new View(reader.GetString(0), reader.GetString(1), []));
            }
        }
        foreach (var view in views)
        {
            var nested = await ScalarAsync<long>(connection, tx,
                $"select count(*) from pg_depend d join pg_rewrite r on r.oid = d.objid where d.refobjid = '{view.Name}'::regclass " +
                $"and r.ev_class <> '{view.Name}'::regclass", ct);
            if (nested > 0) throw new InvalidOperationException($"Views depend on {view.Name}: a swap would have to make them again too.");
            view.Decorations.AddRange(await DecorationsAsync(connection, tx, view.Name, "view", ct));
        }
        return views;
    }

    /// <summary>What the relation carries beside its shape, as statements: its comment, its columns' comments, its grants.</summary>
    private static async Task<List<string>> DecorationsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string relation, string kind,
        CancellationToken ct)
    {
        // A comment cannot be a parameter: quote_literal makes the literal (standard_conforming_strings, the default since 9.1).
        return await ListAsync(connection, tx,
            $"""
            select 'comment on {kind} {relation} is ' || quote_literal(d) from obj_description('{relation}'::regclass, 'pg_class') d
             where d is not null
            union all
            select 'comment on column {relation}.' || quote_ident(a.attname) || ' is ' || quote_literal(col_description(a.attrelid, a.attnum))
              from pg_attribute a
             where a.attrelid = '{relation}'::regclass and a.attnum > 0 and not a.attisdropped and col_description(a.attrelid, a.attnum) is not null
               and '{kind}' = 'view'
            union all
            select 'grant ' || string_agg(g.privilege_type, ', ') || ' on {relation} to '
                   || case when g.grantee = 'PUBLIC' then 'public' else quote_ident(g.grantee) end
              from information_schema.role_table_grants g join pg_class c on c.oid = '{relation}'::regclass
             where g.table_schema = split_part('{relation}', '.', 1) and g.table_name = c.relname
               and g.grantee <> pg_get_userbyid(c.relowner)
             group by g.grantee
            """, ct);
    }

    private static async Task<List<(string Name, string Definition)>> IndexesAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string table,
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

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
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

using System.Reflection;
using Npgsql;

namespace Crm.EventStore.Schema;

/// <summary>
/// Applies numbered migrations once each, recorded in es.schema_migrations. All of it runs in one
/// transaction under a transaction-level advisory lock, so two hosts starting at once serialize:
/// the second finds the work done and applies nothing.
/// </summary>
public static class SchemaMigrator
{
    private const long MigrationLockKey = 0x4352_4D5F_4D49_47; // "CRM_MIG"

    public static IReadOnlyList<Migration> EventStoreMigrations { get; } = LoadEmbedded("event-store", typeof(SchemaMigrator).Assembly,
        "Crm.EventStore.Schema.");

    /// <summary>Reads embedded "NNNN_name.sql" resources under a prefix as migrations of one component.</summary>
    public static IReadOnlyList<Migration> LoadEmbedded(string component, Assembly assembly, string resourcePrefix)
    {
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(resourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var fileName = resource[resourcePrefix.Length..^4];
            var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(fileName[..underscore], out var number))
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(component, number, fileName[(underscore + 1)..], reader.ReadToEnd()));
        }
        list.Sort((a, b) => a.Number.CompareTo(b.Number));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Number == list[i - 1].Number)
                throw new InvalidOperationException($"Two migrations of {component} are numbered {list[i].Number}.");
        }
        return list;
    }

    /// <summary>Applies the engine's migrations and then <paramref name="more"/> (read models), each at most once.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, IEnumerable<Migration>? more = null, CancellationToken ct = default)
    {
        var all = EventStoreMigrations.Concat(more ?? []).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(
            """
            select pg_advisory_xact_lock(@key);
            create schema if not exists es;
            create table if not exists es.schema_migrations (
                component text not null, number int not null, name text not null,
                applied_at timestamptz not null default now(), primary key (component, number));
            """, connection, tx))
        {
            cmd.Parameters.AddWithValue("key", MigrationLockKey);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var applied = new HashSet<(string, int)>();
        await using (var cmd = new NpgsqlCommand("select component, number from es.schema_migrations", connection, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) applied.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        var count = 0;
        foreach (var migration in all)
        {
            if (applied.Contains((migration.Component, migration.Number))) continue;
            await using (var cmd = new NpgsqlCommand(migration.Sql, connection, tx)) await cmd.ExecuteNonQueryAsync(ct);
            await using (var cmd = new NpgsqlCommand("insert into es.schema_migrations (component, number, name) values (@c, @n, @name)", connection, tx))
            {
                cmd.Parameters.AddWithValue("c", migration.Component);
                cmd.Parameters.AddWithValue("n", migration.Number);
                cmd.Parameters.AddWithValue("name", migration.Name);
                await cmd.ExecuteNonQueryAsync(ct);
            }
            count++;
        }
        await tx.CommitAsync(ct);
        return count;
    }
}

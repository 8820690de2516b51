using Crm.EventStore.Schema;
using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// A database of the benchmark's own on the given server, dropped at the end. Before each measured
/// pair both sides get fresh tables (drop + migrate: es.events refuses TRUNCATE by design), then
/// VACUUM ANALYZE and a CHECKPOINT, so neither side inherits bloat or a pending checkpoint from the other.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    private BenchDatabase(string adminConnectionString, string name, int autoPrepare)
    {
        this.adminConnectionString = adminConnectionString;
        Name = name;
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, MaxPoolSize = 64, MaxAutoPrepare = autoPrepare };
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        PooledConnectionString = builder.ConnectionString;
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>The connection string of <see cref="DataSource"/> (pool size, preparation), for a peer's own data source.</summary>
    public string PooledConnectionString { get; }

    /// <summary>
    /// A peer engine measured beside ours (Marten, in a schema of its own): reset with the same number of existing streams on
    /// every <see cref="ResetAsync"/>, before the vacuum and checkpoint, so every side starts a slice on the same footing.
    /// </summary>
    public Func<int, Task>? PeerReset { get; set; }

    public string Name { get; }

    /// <summary>The database's connection string with the server's defaults (pool, preparation), for the host process.</summary>
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Reads the server's CPU time when it runs on this machine; null otherwise.</summary>
    public ServerCpuProbe? ServerCpu { get; private set; }

    public static async Task<BenchDatabase> CreateAsync(string adminConnectionString, int autoPrepare)
    {
        var name = "crm_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand($"create database \"{name}\"", admin);
        await cmd.ExecuteNonQueryAsync();
        var db = new BenchDatabase(adminConnectionString, name, autoPrepare);
        db.ServerCpu = await ServerCpuProbe.TryCreateAsync(db.DataSource);
        return db;
    }

    /// <summary>Fresh, empty engine and baseline tables (plus <paramref name="more"/> migrations), vacuumed and checkpointed.</summary>
    public async Task ResetAsync(IEnumerable<Migration>? more = null, int existingStreams = 0)
    {
        await ExecuteAsync("drop schema if exists es cascade; drop schema if exists bench_read cascade;");
        await SchemaMigrator.MigrateAsync(DataSource, more);
        await ExecuteAsync(BaselineSchema.Sql);
        if (existingStreams > 0)
        {
            foreach (var schema in new[] { "es", "raw" }) await ExecuteAsync(ExistingStreamsSql(schema, existingStreams));
        }
        if (PeerReset is { } peer) await peer(existingStreams);
        await SettleAsync();
    }

    /// <summary>
    /// Streams written before the measurement, one event each, the same in both schemas. An event store
    /// is never empty in use: on empty tables every plan (the engine's statements, the baseline's, and
    /// PostgreSQL's own foreign-key checks, cached per connection) is made for a table of no rows and
    /// kept until autovacuum happens to analyze the growing table, which made the figures swing by 2×
    /// from run to run. Their ids sort before the measured streams' (UUIDv7, made later), as old
    /// records' ids do.
    /// </summary>
    private static string ExistingStreamsSql(string schema, int count) =>
        $$"""
        insert into {{schema}}.streams (stream_id, stream_type, version, created_at, updated_at)
        select ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'bench.existing', 1, now(), now()
          from generate_series(1, {{count}}) as i;
        insert into {{schema}}.events (event_id, stream_id, version, event_type, schema_version, data, metadata)
        select ('00000000-0000-7000-9000-' || lpad(to_hex(i), 12, '0'))::uuid,
               ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 1, 'bench.existing', 1, ('{"n":' || i || '}')::jsonb, '{}'
          from generate_series(1, {{count}}) as i;
        """;

    /// <summary>VACUUM ANALYZE and CHECKPOINT: each must be its own statement outside a transaction.</summary>
    public async Task SettleAsync()
    {
        await ExecuteAsync("vacuum analyze");
        try
        {
            await ExecuteAsync("checkpoint");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Not a superuser on a shared server: the figures just carry more checkpoint noise.
        }
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        cmd.CommandTimeout = 600;
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", admin);
        await cmd.ExecuteNonQueryAsync();
    }
}

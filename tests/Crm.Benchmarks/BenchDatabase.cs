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
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public string Name { get; }
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
    public async Task ResetAsync(IEnumerable<Migration>? more = null)
    {
        await ExecuteAsync("drop schema if exists es cascade; drop schema if exists bench_read cascade;");
        await SchemaMigrator.MigrateAsync(DataSource, more);
        await ExecuteAsync(BaselineSchema.Sql);
        await SettleAsync();
    }

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

using System.Security.Cryptography;
using System.Text;
using Crm.EventStore.Schema;
using Npgsql;

namespace Crm.Testing;

/// <summary>
/// A database of its own for one test class, cloned from a template that already has every migration
/// applied (cloning takes ~100 ms; migrating each time would not). The server comes from ops/test,
/// which exports CRM_TEST_DATABASE_ADMIN (a connection string to its maintenance database).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly Dictionary<string, string> Templates = [];

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("CRM_TEST_DATABASE_ADMIN")
        ?? Environment.GetEnvironmentVariable("CRM_DATABASE_ADMIN")
        ?? throw new InvalidOperationException(
            "No PostgreSQL for tests: run the tests with ops/test, or set CRM_TEST_DATABASE_ADMIN to a connection string of a server's maintenance database.");

    /// <summary>A fresh database with the event store's migrations and <paramref name="migrations"/> applied.</summary>
    public static async Task<TestDatabase> CreateAsync(IEnumerable<Migration>? migrations = null, int maxPoolSize = 50)
    {
        var extra = (migrations ?? []).ToList();
        var template = await TemplateAsync(extra);
        var name = "t_" + Guid.NewGuid().ToString("N")[..20];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var cmd = new NpgsqlCommand($"create database \"{name}\" template \"{template}\"", admin);
                    await cmd.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
                {
                    await Task.Delay(100 * attempt);
                }
            }
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = maxPoolSize };
        return new TestDatabase(name, builder.ConnectionString);
    }

    /// <summary>A database with nothing in it (for migration tests).</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var name = "e_" + Guid.NewGuid().ToString("N")[..20];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"create database \"{name}\"", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        return new TestDatabase(name, new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString);
    }

    private static async Task<string> TemplateAsync(List<Migration> extra)
    {
        var all = SchemaMigrator.EventStoreMigrations.Concat(extra);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", all.Select(m => $"{m.Component}/{m.Number}/{m.Sql}")))))[..16];
        var template = "tpl_" + hash;
        await TemplateGate.WaitAsync();
        try
        {
            if (Templates.ContainsKey(hash)) return template;
            await using var admin = new NpgsqlConnection(AdminConnectionString);
            await admin.OpenAsync();
            // Test assemblies run in parallel processes: serialize template creation across them.
            await using (var cmd = new NpgsqlCommand("select pg_advisory_lock(7351)", admin)) await cmd.ExecuteNonQueryAsync();
            try
            {
                await using (var exists = new NpgsqlCommand("select 1 from pg_database where datname = @n", admin))
                {
                    exists.Parameters.AddWithValue("n", template);
                    if (await exists.ExecuteScalarAsync() is null)
                    {
                        var building = "build_" + Guid.NewGuid().ToString("N")[..16];
                        await using (var create = new NpgsqlCommand($"create database \"{building}\"", admin)) await create.ExecuteNonQueryAsync();
                        var cs = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = building, Pooling = false }.ConnectionString;
                        await using (var source = NpgsqlDataSource.Create(cs))
                        {
                            await SchemaMigrator.MigrateAsync(source, extra);
                        }
                        await using var rename = new NpgsqlCommand($"alter database \"{building}\" rename to \"{template}\"", admin);
                        await rename.ExecuteNonQueryAsync();
                    }
                }
            }
            finally
            {
                await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(7351)", admin);
                await unlock.ExecuteNonQueryAsync();
            }
            Templates[hash] = template;
            return template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        try
        {
            await using var admin = new NpgsqlConnection(AdminConnectionString);
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The throwaway cluster of ops/test goes away anyway; a failed drop must not fail a test.
        }
    }
}

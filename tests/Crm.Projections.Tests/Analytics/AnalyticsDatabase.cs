using Crm.Testing;
using Npgsql;

namespace Crm.Projections.Tests.Analytics;

/// <summary>
/// A migrated database of its own with <see cref="AnalyticsSeed"/> in it, and an analyst role made for it by ops/analyst-role.
/// Roles are cluster-wide and test classes run in parallel on one cluster: the role is named after the database, and dropped.
/// </summary>
public sealed class AnalyticsDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public string Role { get; private set; } = null!;

    /// <summary>The connection string ops/analyst-role printed (with its generated password).</summary>
    public string Analyst { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(ReadModelMigrations.All);
        await using (var seed = Database.DataSource.CreateCommand(AnalyticsSeed.Sql)) await seed.ExecuteNonQueryAsync();
        Role = "an_" + Database.Name;
        Analyst = await AnalystRoleScript.CreateAsync(Database.ConnectionString, Role);
    }

    public async Task<NpgsqlConnection> AnalystConnectionAsync()
    {
        var connection = new NpgsqlConnection(Analyst);
        await connection.OpenAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await AnalystRoleScript.RunAsync(Database.ConnectionString, "--drop", Role);
        }
        finally
        {
            await Database.DisposeAsync();
        }
    }
}

using Crm.EventStore.Schema;
using Crm.Projections;
using Crm.Projections.Org;
using Crm.Write;
using Npgsql;

namespace Crm.Host.Platform;

public static partial class DatabaseSetup
{
    /// <summary>The connection string: env CRM_DATABASE, else configuration key Crm:Database.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration["CRM_DATABASE"] is { Length: > 0 } fromEnv ? fromEnv
        : configuration["Crm:Database"] is { Length: > 0 } fromConfig ? fromConfig
        : throw new InvalidOperationException("No database configured: set CRM_DATABASE (or Crm:Database) to a PostgreSQL connection string.");

    public static IServiceCollection AddCrmDatabase(this IServiceCollection services)
    {
        // Resolved lazily: WebApplicationFactory applies its settings after Program.cs has read configuration.
        services.AddSingleton(sp => Builder(ConnectionString(sp.GetRequiredService<IConfiguration>()))
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .Build());
        services.AddSingleton(sp => LeadershipDataSource.Create(
            ConnectionString(sp.GetRequiredService<IConfiguration>()), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new EventStore.EventStore(
            sp.GetRequiredService<NpgsqlDataSource>(), CrmEventTypes.CreateRegistry(), CrmProjections.Inline()));
        services.AddSingleton(sp => new CommandHandler(sp.GetRequiredService<EventStore.EventStore>()));
        services.AddSingleton<DepartmentQueries>();
        services.AddSingleton<UserQueries>();
        services.AddSingleton<DatabaseRetry>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Statements prepared per connection, unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// The host's connection settings. Statements used several times on a connection are prepared (Max Auto Prepare):
    /// every request repeats the same few, and planning them cost more than running them — the duplicate check of a
    /// create spent 0.8 of its 0.9 ms in the planner (pg_stat_statements, tests/Crm.Benchmarks/README.md).
    /// </summary>
    /// <remarks>
    /// Connections are not reset when they return to the pool (No Reset On Close): the reset replayed seven statements
    /// (pg_advisory_unlock_all, DISCARD SEQUENCES, RESET ALL, …) per connection open, several per request. Only a session
    /// advisory lock needs it, and those are taken on <see cref="LeadershipDataSource"/>, which keeps the reset.
    /// </remarks>
    public static NpgsqlDataSourceBuilder Builder(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        AddServerSetting(builder, "idle_in_transaction_session_timeout", IdleInTransactionTimeout);
        return builder;
    }

    /// <summary>
    /// A transaction left open and idle (a crashed request, a bug) would hold the event feed back for the whole cluster (the feed
    /// reads only below the oldest running transaction) and keep its locks: the server ends such a session after a minute.
    /// </summary>
    public const string IdleInTransactionTimeout = "60s";

    /// <summary>Adds <c>-c name=value</c> to the connection's startup options, unless the connection string sets it already.</summary>
    public static void AddServerSetting(NpgsqlDataSourceBuilder builder, string name, string value)
    {
        var options = builder.ConnectionStringBuilder.Options ?? "";
        if (options.Contains(name, StringComparison.Ordinal)) return;
        builder.ConnectionStringBuilder.Options = $"{options} -c {name}={value}".Trim();
    }

    /// <summary>
    /// Brings the engine's and the read models' schema up to date before serving; safe with several
    /// hosts starting at once (the migrator serializes them on an advisory lock). Refuses to serve a database
    /// whose server would give new events lower transaction ids than stored ones (<see cref="EventStore.TransactionOrder"/>).
    /// </summary>
    public static async Task MigrateCrmDatabaseAsync(this WebApplication app)
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var retry = app.Services.GetRequiredService<DatabaseRetry>();
        var applied = await retry.Reads.ExecuteAsync(
            async ct => await SchemaMigrator.MigrateAsync(dataSource, ReadModelMigrations.All, ct), app.Lifetime.ApplicationStopping);
        MigrationsApplied(app.Logger, applied);
        // A database restored from a logical dump into another cluster must not take events that would sort before the old ones.
        await retry.Reads.ExecuteAsync(async ct => await EventStore.TransactionOrder.CheckAsync(dataSource, ct), app.Lifetime.ApplicationStopping);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date ({Applied} migrations applied now)")]
    private static partial void MigrationsApplied(ILogger logger, int applied);
}

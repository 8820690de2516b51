using Crm.EventStore.Schema;

namespace Crm.Projections;

/// <summary>The read models' schema, applied after the engine's by the host at start-up and by the test template.</summary>
public static class ReadModelMigrations
{
    public const string Component = "read-models";

    public static IReadOnlyList<Migration> All { get; } =
        SchemaMigrator.LoadEmbedded(Component, typeof(ReadModelMigrations).Assembly, "Crm.Projections.Schema.");
}

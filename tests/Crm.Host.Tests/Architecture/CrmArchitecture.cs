using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace Crm.Host.Tests.Architecture;

/// <summary>The compiled projects, loaded once for every architecture rule.</summary>
internal static class CrmArchitecture
{
    public static readonly System.Reflection.Assembly Events = typeof(Crm.Events.EventCatalogue).Assembly;
    public static readonly System.Reflection.Assembly EventStore = typeof(Crm.EventStore.EventStore).Assembly;
    public static readonly System.Reflection.Assembly Projections = typeof(Crm.Projections.ReadModelMigrations).Assembly;
    public static readonly System.Reflection.Assembly Write = typeof(Crm.Write.CommandHandler).Assembly;
    public static readonly System.Reflection.Assembly Host = typeof(Program).Assembly;

    public static readonly ArchUnitNET.Domain.Architecture Loaded =
        new ArchLoader().LoadAssemblies(Events, EventStore, Projections, Write, Host).Build();

    /// <summary>The repository's src folder, for the rules read from the source text (SQL lives in string literals).</summary>
    public static string SourceRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Crm.sln not found above the test binaries."), "src");
        }
    }
}

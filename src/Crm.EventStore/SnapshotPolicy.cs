using System.Reflection;

namespace Crm.EventStore;

/// <summary>
/// Lets a stream's folded state be kept as a snapshot: loads read the snapshot and only the events after it, and a load that
/// had to fold at least <see cref="Every"/> events writes a new one. <see cref="Key"/> must change whenever the state's shape or
/// its fold changes: <see cref="For{TState}"/> names the state type and the build of the code that folds it.
/// </summary>
public sealed record SnapshotPolicy(string Key, int Every)
{
    /// <summary>
    /// A policy keyed on <typeparamref name="TState"/> and the version ids of its assembly and the project's assemblies it references
    /// (a deterministic build's hash of their code): after a deploy that changed any of them, old snapshots are ignored and replaced.
    /// </summary>
    public static SnapshotPolicy For<TState>(int every = 100)
    {
        var assembly = typeof(TState).Assembly;
        var builds = new[] { assembly }
            .Concat(assembly.GetReferencedAssemblies().Where(a => a.Name?.StartsWith("Crm.", StringComparison.Ordinal) == true).Select(Assembly.Load))
            .Select(a => a.ManifestModule.ModuleVersionId.ToString("N")[..12])
            .Order(StringComparer.Ordinal);
        return new SnapshotPolicy($"{typeof(TState).FullName}@{string.Join('.', builds)}", every);
    }
}

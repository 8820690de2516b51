using System.Globalization;
using Crm.EventStore.Daemon;

namespace Crm.Host.Daemon;

/// <summary>
/// The host's operator verb behind ops/rebuild: <c>rebuild --list | --all | --replay-dead-letters | NAME…</c>. It rebuilds one
/// projection after the other through <see cref="ProjectionDaemon.RebuildAsync"/> — an async one carried out by the projection's
/// leader when a host runs, here otherwise; an inline one blue/green by whichever process takes it first — and prints progress while
/// it waits. Exit code 0 when all were rebuilt, 1 when one failed, 2 for bad usage.
/// </summary>
public static class RebuildCommand
{
    public const string Verb = "rebuild";

    public const string Usage = "usage: ops/rebuild --list | --all | --replay-dead-letters | PROJECTION...";

    public static async Task<int> RunAsync(ProjectionDaemon daemon, IReadOnlyList<string> args, TextWriter output, CancellationToken ct,
        TimeSpan? progressEvery = null)
    {
        if (args.Count == 0 || args.Any(a => a is "-h" or "--help"))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }
        var statuses = await daemon.StatusAsync(ct);
        if (args is ["--list"])
        {
            foreach (var s in statuses) await output.WriteLineAsync(Line(s));
            return 0;
        }
        IReadOnlyList<string> names = args switch
        {
            ["--all"] => [.. daemon.ProjectionNames.Order(StringComparer.Ordinal)],
            ["--replay-dead-letters"] => [.. statuses.Where(s => s.DeadLetters > 0).Select(s => s.Name)],
            _ => [.. args],
        };
        if (names.FirstOrDefault(n => n.StartsWith('-') || !daemon.ProjectionNames.Contains(n)) is { } unknown)
        {
            var known = string.Join(", ", daemon.ProjectionNames.Order(StringComparer.Ordinal));
            await output.WriteLineAsync($"rebuild: no projection named '{unknown}'; known: {known}");
            await output.WriteLineAsync(Usage);
            return 2;
        }
        if (names.Count == 0) await output.WriteLineAsync("rebuild: no projection has open dead letters; nothing to replay.");
        var failed = false;
        foreach (var name in names) failed |= !await RebuildOneAsync(daemon, name, output, progressEvery ?? TimeSpan.FromSeconds(2), ct);
        return failed ? 1 : 0;
    }

    private static async Task<bool> RebuildOneAsync(ProjectionDaemon daemon, string name, TextWriter output, TimeSpan progressEvery,
        CancellationToken ct)
    {
        await output.WriteLineAsync($"rebuild: {name}...");
        var rebuild = daemon.RebuildAsync(name, ct);
        while (await Task.WhenAny(rebuild, Task.Delay(progressEvery, ct)) != rebuild)
        {
            var now = await daemon.StatusAsync(name, ct);
            await output.WriteLineAsync($"rebuild: {name} {now.Status}, {now.EventsProcessed.ToString("N0", CultureInfo.InvariantCulture)} events");
        }
        try
        {
            await rebuild;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await output.WriteLineAsync($"rebuild: {name} FAILED: {e.Message}");
            return false;
        }
        await output.WriteLineAsync(Line(await daemon.StatusAsync(name, ct)));
        return true;
    }

    private static string Line(ProjectionStatus s) => (s.Inline
            ? string.Create(CultureInfo.InvariantCulture,
                $"{s.Name}: inline, {s.Status}{(s.Backfilling ? " (back-filling)" : "")}, {s.EventsProcessed:N0} events in its last rebuild")
            : string.Create(CultureInfo.InvariantCulture,
                $"{s.Name}: {s.Status}, {s.EventsProcessed:N0} events, {s.EventsBehind:N0} behind, {s.DeadLetters} open dead letters"))
        + (s.LastError is { } error ? $", last error: {error}" : "");
}

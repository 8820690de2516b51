namespace Crm.Benchmarks;

/// <summary>
/// How long and how big each benchmark runs. --quick keeps the whole program under a minute so it can
/// run on every change; the full run repeats each pair several times so one noisy slice (other builds
/// share the 2 cores) does not decide a ratio.
/// </summary>
public sealed record BenchOptions(
    bool Quick,
    string AdminConnectionString,
    TimeSpan WarmUp,
    TimeSpan Slice,
    int Rounds,
    int[] SingleWriters,
    int[] BatchWriters,
    int LoadStreams,
    TimeSpan LoadSlice,
    int ProjectionEvents,
    int RebuildRounds)
{
    /// <summary>Runs only the benchmarks whose name starts with this (append, append-single, append-batch, load, projection, access, customers, sales, money, outbox, workbench, reminders, dashboard, http); all when null.</summary>
    public string? Only { get; init; }

    /// <summary>Npgsql's Max Auto Prepare for both sides: 0 (Npgsql's default) unless --auto-prepare N.</summary>
    public int AutoPrepare { get; init; }

    /// <summary>Streams (one event each) already in both sides' tables when an append slice starts (see BenchDatabase.ResetAsync).</summary>
    public int ExistingStreams { get; init; } = 20_000;

    /// <summary>The host the http benchmark starts: src/Crm.Host's build of this configuration unless --host-dll PATH.</summary>
    public string? HostDll { get; init; }

    /// <summary>Connection string keywords appended to the host's (--host-database-options "Max Auto Prepare=20"), to compare pool settings.</summary>
    public string? HostDatabaseOptions { get; init; }

    /// <summary>Marten as a third side of the engine figures (append, load, projection); --no-marten leaves it out.</summary>
    public bool Marten { get; init; } = true;

    /// <summary>Events Marten's daemon reads per batch: our rebuild batch unless --marten-batch N (0: Marten's own default).</summary>
    public int? MartenBatchSize { get; init; }

    /// <remarks>A comma-separated list runs each (--only append,load,projection: the engine figures with Marten beside).</remarks>
    public bool Runs(string benchmark) =>
        Only is null || Only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(o => benchmark.StartsWith(o, StringComparison.OrdinalIgnoreCase));

    public static BenchOptions Parse(string[] args)
    {
        var quick = false;
        string? connection = null;
        string? only = null;
        var autoPrepare = 0;
        int[]? batchWriters = null;
        int? existing = null;
        string? hostDll = null;
        string? hostDatabaseOptions = null;
        var marten = true;
        int? martenBatch = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--no-marten": marten = false; break;
                case "--marten-batch" when i + 1 < args.Length: martenBatch = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--connection" when i + 1 < args.Length: connection = args[++i]; break;
                case "--only" when i + 1 < args.Length: only = args[++i]; break;
                case "--batch-writers" when i + 1 < args.Length:
                    batchWriters = args[++i].Split(',').Select(w => int.Parse(w, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--existing-streams" when i + 1 < args.Length: existing = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--host-dll" when i + 1 < args.Length: hostDll = args[++i]; break;
                case "--host-database-options" when i + 1 < args.Length: hostDatabaseOptions = args[++i]; break;
                case "--auto-prepare" when i + 1 < args.Length: autoPrepare = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "-h" or "--help":
                    Console.WriteLine("Crm.Benchmarks [--quick] [--no-marten] [--marten-batch N] [--only append|append-single|append-command|append-batch|load|projection|access|customers|sales|money|outbox|workbench|reminders|dashboard|http] [--batch-writers 1,8] [--existing-streams N] [--auto-prepare N] [--host-dll PATH] [--host-database-options K=V;...] [--connection <admin connection string>]\n" +
                                      "Without --connection: CRM_DATABASE, then CRM_DATABASE_ADMIN.");
                    Environment.Exit(0);
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        connection ??= Environment.GetEnvironmentVariable("CRM_DATABASE")
                       ?? Environment.GetEnvironmentVariable("CRM_DATABASE_ADMIN")
                       ?? throw new ArgumentException("No server: pass --connection, or set CRM_DATABASE / CRM_DATABASE_ADMIN (ops/bench does).");

        var options = quick
            ? new BenchOptions(true, connection, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(1.5), 1,
                [1, 8], [8], 400, TimeSpan.FromSeconds(0.8), 40_000, 1) { ExistingStreams = 5_000 }
            : new BenchOptions(false, connection, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6), 3,
                [1, 8], [1, 8], 2_000, TimeSpan.FromSeconds(8), 200_000, 3);
        return options with { Marten = marten, MartenBatchSize = martenBatch, Only = only, HostDll = hostDll, HostDatabaseOptions = hostDatabaseOptions, AutoPrepare = autoPrepare, BatchWriters = batchWriters ?? options.BatchWriters, ExistingStreams = existing ?? options.ExistingStreams };
    }
}

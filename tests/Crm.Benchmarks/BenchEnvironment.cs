using System.Runtime.InteropServices;

namespace Crm.Benchmarks;

/// <summary>The first lines of every run: without the machine and the durability settings a figure means nothing.</summary>
public static class BenchEnvironment
{
    private static readonly string[] Settings =
        ["fsync", "synchronous_commit", "shared_buffers", "wal_level", "max_wal_size", "full_page_writes", "max_connections"];

    public static async Task PrintAsync(BenchDatabase db, BenchOptions options)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}");
        Console.WriteLine($".NET: {RuntimeInformation.FrameworkDescription}, server GC: {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine($"PostgreSQL: {await db.ScalarAsync<string>("select version()")}");
        var values = new List<string>();
        foreach (var name in Settings) values.Add($"{name}={await db.ScalarAsync<string>($"show {name}")}");
        Console.WriteLine($"settings: {string.Join(", ", values)}");
        // Npgsql prepares nothing unless told to; both sides prepare their append statements explicitly.
        Console.WriteLine($"Npgsql: Max Auto Prepare={options.AutoPrepare} (both sides), pool per data source, connection per operation");
        Console.WriteLine($"mode: {(options.Quick ? "--quick (short slices, 1 round, fewer events: figures are indicative only)" : "full")}; " +
                          $"warm-up {options.WarmUp.TotalSeconds:0.#} s, slice {options.Slice.TotalSeconds:0.#} s, {options.Rounds} round(s), sides rotating, tables reset before every slice" +
                          $" (append slices: {options.ExistingStreams:N0} existing streams on both sides)");
        Console.WriteLine();
    }
}

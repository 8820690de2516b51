using System.Diagnostics;
using Npgsql;

namespace Crm.Projections.Tests.Analytics;

/// <summary>ops/analyst-role, run as an operator runs it (bash, psql) against one test database through CRM_DATABASE.</summary>
internal static class AnalystRoleScript
{
    public static string RepositoryRoot { get; } = FindRoot();

    public sealed record Outcome(int ExitCode, string Output, string Errors);

    /// <summary>Creates or updates the role with a generated password; answers the Npgsql connection string it printed.</summary>
    public static async Task<string> CreateAsync(string databaseConnectionString, string role)
    {
        var run = await RunAsync(databaseConnectionString, role);
        if (run.ExitCode != 0) throw new InvalidOperationException($"ops/analyst-role {role} exited with {run.ExitCode}: {run.Errors}\n{run.Output}");
        var printed = run.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Npgsql:", StringComparison.Ordinal));
        // No pool: a pooled idle session would outlive the test and keep the role's database busy.
        return new NpgsqlConnectionStringBuilder(printed["Npgsql:".Length..].Trim()) { Pooling = false }.ConnectionString;
    }

    public static async Task<Outcome> RunAsync(string databaseConnectionString, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "ops", "analyst-role"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["CRM_DATABASE"] = databaseConnectionString;
        start.Environment.Remove("CRM_ANALYST_PASSWORD");
        start.Environment.Remove("CRM_DATA_DIR");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Outcome(process.ExitCode, await output, await errors);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (Crm.sln) is not above " + AppContext.BaseDirectory);
    }
}

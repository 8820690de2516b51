using System.Text.RegularExpressions;

namespace Crm.Host.Tests.Architecture;

/// <summary>
/// Only Crm.Projections reads or writes read-model tables (schemas crm, org, auth): SQL lives in string
/// literals, so this rule reads the source text. The engine's own schema (es) is the engine's business.
/// </summary>
public sealed partial class read_model_sql
{
    [GeneratedRegex(@"\b(from|join|into|update|table|truncate)\s+(crm|org|auth)\.[a-z_]+", RegexOptions.IgnoreCase)]
    private static partial Regex ReadModelTable();

    /// <summary>Every mention of a read-model table in SQL outside src/Crm.Projections, as "file:line: text".</summary>
    internal static IReadOnlyList<string> Offences(string sourceRoot) =>
        Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Crm.Projections{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && ReadModelTable().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(sourceRoot, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

    [Fact]
    public void no_read_model_sql_outside_the_projections_project()
    {
        var offences = Offences(CrmArchitecture.SourceRoot);
        Assert.True(offences.Count == 0, "read-model SQL outside src/Crm.Projections:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void the_rule_sees_sql_in_a_file_outside_projections()
    {
        var root = Directory.CreateTempSubdirectory("crm-arch-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "Leak.cs"), "const string Sql = \"select id from crm.customers where owner_id = @o\";");
            Assert.Single(Offences(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

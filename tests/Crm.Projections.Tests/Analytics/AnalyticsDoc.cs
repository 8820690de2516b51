using System.Text.RegularExpressions;

namespace Crm.Projections.Tests.Analytics;

/// <summary>What docs/analytics.md says: per view (a "### analytics.name" heading) its column table, and its example queries.</summary>
internal static partial class AnalyticsDoc
{
    public static string Text { get; } = File.ReadAllText(Path.Combine(AnalystRoleScript.RepositoryRoot, "docs", "analytics.md"));

    /// <summary>View name → its documented columns in order: "name type" (the table's first two cells).</summary>
    public static Dictionary<string, List<string>> Views()
    {
        var views = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in Text.Split('\n').Select(l => l.TrimEnd()))
        {
            if (line.StartsWith("#", StringComparison.Ordinal))
            {
                current = null;
                if (line.StartsWith("### analytics.", StringComparison.Ordinal)) views[line[4..].Trim()] = current = [];
                continue;
            }
            if (current is null || !line.StartsWith('|')) continue;
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells[1] == "column" || cells[1].StartsWith("---", StringComparison.Ordinal)) continue;
            current.Add($"{cells[1]} {cells[2]}");
        }
        return views;
    }

    /// <summary>Every fenced ```sql block.</summary>
    public static List<string> ExampleQueries() => SqlBlock().Matches(Text).Select(m => m.Groups[1].Value.Trim()).ToList();

    [GeneratedRegex(@"```sql\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}

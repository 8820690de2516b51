using Crm.Events;

namespace Crm.Projections.Integrations;

/// <summary>Which event types a webhook's patterns take: exact names of the catalogue, "module.*" (every type of a module), "*".</summary>
public static class WebhookEventTypes
{
    private static readonly HashSet<string> Names = [.. EventCatalogue.All.Select(e => e.Name)];
    private static readonly HashSet<string> Modules = [.. EventCatalogue.All.Select(e => e.Name[..e.Name.IndexOf('.')])];

    public static bool IsPattern(string? pattern) => pattern is not null
        && (pattern == "*" || Names.Contains(pattern) || (pattern.EndsWith(".*", StringComparison.Ordinal) && Modules.Contains(pattern[..^2])));

    public static bool Matches(IEnumerable<string> patterns, string eventType) => patterns.Any(p => p == "*" || p == eventType
        || (p.EndsWith(".*", StringComparison.Ordinal) && eventType.StartsWith(p[..^1], StringComparison.Ordinal)));
}

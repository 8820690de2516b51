using System.Globalization;

namespace Crm.Host.Platform;

/// <summary>ETag / If-Match: a record's ETag is its stream version, quoted ("3").</summary>
public static class Preconditions
{
    public const string IfMatchHeader = "If-Match";

    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpResponse response, long version) => response.Headers.ETag = ETag(version);

    /// <summary>
    /// Reads If-Match: absent or "*" means "whatever is current" (null); otherwise one strong ETag this
    /// API issued. Weak tags and lists are refused: a write needs one exact version to compare.
    /// </summary>
    public static bool TryParseIfMatch(string? header, out long? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return true;
        var value = header.Trim();
        if (value.Length < 3 || value[0] != '"' || value[^1] != '"') return false;
        if (!long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1) return false;
        version = parsed;
        return true;
    }
}

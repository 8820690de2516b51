using System.Text.RegularExpressions;

namespace Crm.Write.DataSync;

/// <summary>
/// An id in another system: <paramref name="System"/> names the system (kept lower case), <paramref name="Id"/> is the record's id
/// there (kept as sent, case-sensitive). One pair maps to one record of a <paramref name="Kind"/>.
/// </summary>
public sealed partial record ExternalKey(string Kind, string System, string Id)
{
    public const int MaxSystemLength = 50;
    public const int MaxIdLength = 200;

    /// <summary>The key of a request's route values, or the 400 naming the part at fault.</summary>
    public static (ExternalKey? Key, DomainError? Error) Parse(string kind, string? system, string? id)
    {
        if (string.IsNullOrEmpty(system) || system.Length > MaxSystemLength || !IsAsciiLetterOrDigit(system[0]) || !system.All(IsSystemChar))
        {
            return (null, DomainError.Invalid("system", "external_system_invalid",
                $"system is 1 to {MaxSystemLength} letters, digits, dots, hyphens or underscores, starting with a letter or digit."));
        }
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || id.Trim().Length != id.Length || id.Any(char.IsControl)
            || HasLoneSurrogate(id) || id.Contains('\uFFFD') || UndecodedEscape().IsMatch(id))
        {
            return (null, DomainError.Invalid("externalId", "external_id_invalid",
                $"externalId is 1 to {MaxIdLength} printable characters (UTF-8, no percent escapes left) without surrounding spaces."));
        }
        return (new ExternalKey(kind, system.ToLowerInvariant(), id), null);
    }

    /// <summary>The advisory lock the append that links this key holds (docs/integration.md).</summary>
    public string LockName => $"external-id:{Kind}:{System}:{Id}";

    /// <summary>A percent escape left in the path: bytes that did not decode as UTF-8 (a broken client), refused like any broken text.</summary>
    [GeneratedRegex("%[0-9A-Fa-f]{2}")]
    private static partial Regex UndecodedEscape();

    private static bool IsAsciiLetterOrDigit(char c) => char.IsAsciiLetterOrDigit(c);

    private static bool IsSystemChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }
}

using System.Text;
using System.Text.RegularExpressions;
using Crm.EventStore;

namespace Crm.Write.CustomFields;

/// <summary>The stream id of a custom field, named by its kind and key: the same key of a kind is always the same stream.</summary>
public static partial class CustomFieldIds
{
    public static Guid Of(string kind, string key) => NameBasedId.Of(Encoding.UTF8.GetBytes("custom-field:" + kind + ":" + key));

    /// <summary>A field or option key: 1 to 40 lower-case ASCII letters, digits or underscores, starting with a letter.</summary>
    public static bool IsKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}\\z")]
    private static partial Regex KeyPattern();
}

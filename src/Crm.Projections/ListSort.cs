namespace Crm.Projections;

/// <summary>How a record list is ordered: updatedAt, createdAt or name, ascending or descending ("-updatedAt").</summary>
public sealed record ListSort(string Field, bool Descending)
{
    public static ListSort Default { get; } = new("updatedAt", true);

    public static IReadOnlyList<string> Fields { get; } = ["updatedAt", "createdAt", "name"];

    /// <summary>
    /// "-updatedAt" → updatedAt descending; null or empty → the default; anything else → null. Strictly a
    /// field or one '-' and a field: "--name" or "+name" would only teach clients a spelling the docs do not have.
    /// </summary>
    public static ListSort? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Default;
        var descending = text.StartsWith('-');
        var field = descending ? text[1..] : text;
        return Fields.Contains(field) ? new ListSort(field, descending) : null;
    }

    /// <summary>The sort column under a table alias; every list table has updated_at, created_at and name.</summary>
    internal string Column(string alias) => alias + "." + Field switch
    {
        "createdAt" => "created_at",
        "name" => "name",
        _ => "updated_at",
    };
}

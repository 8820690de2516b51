namespace Crm.Host.Platform;

/// <summary>
/// What text the CRM takes at its input boundary: no U+0000 and no lone UTF-16 surrogate. PostgreSQL
/// refuses both (22021 / 22P05), so letting them through turns a client's typo into a 500 or a
/// half-finished write; refusing them at the door names the field instead.
/// </summary>
public static class CleanText
{
    public const string Code = "text_invalid";

    public const string Message = "The text holds a NUL character (U+0000), a lone surrogate or bytes that are not UTF-8.";

    public static bool IsClean(string? text)
    {
        if (text is null) return true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }
}

using System.Text.RegularExpressions;

namespace Crm.Write;

/// <summary>
/// Field-by-field validation that collects every fault instead of stopping at the first, so a form
/// (or an import row) learns all its problems at once. Each check returns the normalized value:
/// trimmed, empty → null.
/// </summary>
public sealed partial class FieldChecks
{
    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public void Fail(string field, string code, string message) => errors.Add(new FieldError(field, code, message));

    public string? Text(string field, string? value, int maxLength, bool required = false)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            if (required) Fail(field, field + "_required", $"{field} is required.");
            return null;
        }
        if (text.Length > maxLength) Fail(field, field + "_too_long", $"{field} has at most {maxLength} characters.");
        return text;
    }

    /// <summary>Digits with an optional leading +, spaces, dashes, dots and parentheses; 5 to 20 digits.</summary>
    public string? Phone(string field, string? value)
    {
        var text = Text(field, value, 30);
        if (text is null || text == Crm.Events.PersonalData.Erased) return text; // an erased value left as it is (an edit of another field)
        var digits = text.Count(char.IsAsciiDigit);
        if (!PhonePattern().IsMatch(text) || digits is < 5 or > 20)
            Fail(field, field + "_invalid", $"{field} must be a phone number: digits, optionally with +, spaces, dashes or parentheses.");
        return text;
    }

    public string? Email(string field, string? value)
    {
        var text = Text(field, value, 254);
        // An erased value is left as it is (an edit of another field must not fail on it).
        if (text is not null && text != Crm.Events.PersonalData.Erased && !EmailPattern().IsMatch(text))
            Fail(field, field + "_invalid", $"{field} must be an e-mail address such as name@example.com.");
        return text;
    }

    /// <summary>An absolute http(s) address; a bare host such as example.com gets https:// in front.</summary>
    public string? Website(string field, string? value)
    {
        var text = Text(field, value, 200);
        if (text is null) return null;
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !uri.Host.Contains('.',
            StringComparison.Ordinal))
        {
            Fail(field, field + "_invalid", $"{field} must be a web address such as https://example.com.");
            return text;
        }
        return candidate;
    }

    /// <summary>Distinct tags, each 1..30 characters without commas (the operation log joins them with ", ").</summary>
    public IReadOnlyList<string> Tags(string field, IEnumerable<string?>? values, int maxCount = 20, int maxLength = 30)
    {
        var tags = (values ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > maxCount) Fail(field, field + "_too_many", $"{field}: at most {maxCount} tags.");
        foreach (var tag in tags)
        {
            if (tag.Length > maxLength) Fail(field, field + "_too_long", $"{field}: a tag has at most {maxLength} characters ('{tag[..maxLength]}…').");
            if (tag.Contains(',', StringComparison.Ordinal)) Fail(field, field + "_invalid", $"{field}: a tag cannot contain a comma ('{tag}').");
        }
        return tags;
    }

    [GeneratedRegex(@"^\+?[0-9(][0-9 \-().]*[0-9]$")]
    private static partial Regex PhonePattern();

    // Deliberately loose: one @, no spaces, a dot in the domain. Real validation is delivery.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$")]
    private static partial Regex EmailPattern();
}

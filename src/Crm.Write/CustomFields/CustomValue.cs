using System.Globalization;
using System.Text.Json;
using Crm.Events;
using T = Crm.Events.CustomFieldTypes;

namespace Crm.Write.CustomFields;

/// <summary>
/// One custom value checked against its field's type (SET-1) and brought to the one form records store: text trimmed, numbers as
/// JSON numbers, dates yyyy-MM-dd, times UTC yyyy-MM-ddTHH:mm:ssZ, a select's option keys, a user's id. Refusals name
/// <c>custom.&lt;key&gt;</c>.
/// </summary>
public static class CustomValue
{
    public const int MaxTextLength = 200;
    public const int MaxLongTextLength = 5000;
    public const decimal MaxNumber = 999_999_999_999_999m;
    public const int MaxDecimals = 6;

    /// <summary>The normalized value, null when the value clears the field (JSON null, blank text, an empty list); or the refusal.</summary>
    /// <param name="current">The record's value now: a retired option it already holds may stay.</param>
    public static (JsonElement? Value, FieldError? Error) Check(CustomFieldDefinition field, JsonElement value, JsonElement? current = null)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return (null, null);
        var name = "custom." + field.Key;
        var normalized = field.Type switch
        {
            T.Text => Text(value, MaxTextLength),
            T.LongText => Text(value, MaxLongTextLength),
            T.Number => Number(value, false),
            T.Money => Number(value, true),
            T.Date => Date(value),
            T.DateTime => Time(value),
            T.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? Outcome.Of(value.Clone()) : Outcome.Bad,
            T.Phone => Checked(value, 30, (checks, text) => checks.Phone(name, text)),
            T.Email => Checked(value, 254, (checks, text) => checks.Email(name, text)),
            T.User => value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) && id != Guid.Empty
                ? Outcome.Of(Json(id.ToString())) : Outcome.Bad,
            T.SingleSelect => Single(field, value, current),
            T.MultiSelect => Multi(field, value, current),
            _ => Outcome.Bad,
        };
        if (!normalized.Ok) return (null, new FieldError(name, "custom_value_invalid", $"{name} takes {Expected(field)}."));
        return (normalized.Value, null);
    }

    /// <summary>What a field's values look like, for messages and the metadata endpoint.</summary>
    public static string Expected(CustomFieldDefinition field) => field.Type switch
    {
        T.Text => $"a text of at most {MaxTextLength} characters",
        T.LongText => $"a text of at most {MaxLongTextLength} characters",
        T.Number => $"a number of at most {MaxDecimals} decimals, between -{MaxNumber} and {MaxNumber}",
        T.Money => "an amount: a number, not negative, with at most 2 decimals",
        T.Date => "a date, yyyy-MM-dd",
        T.DateTime => "an ISO 8601 time with its offset, such as 2026-03-01T09:00:00Z",
        T.Boolean => "true or false",
        T.Phone => "a phone number: digits, optionally with +, spaces, dashes or parentheses",
        T.Email => "an e-mail address such as name@example.com",
        T.User => "a user's id (UUID)",
        T.SingleSelect => "one option key: " + string.Join(", ", field.Options.Where(o => !o.Retired).Select(o => o.Key)),
        T.MultiSelect => "an array of distinct option keys: " + string.Join(", ", field.Options.Where(o => !o.Retired).Select(o => o.Key)),
        _ => "nothing",
    };

    private readonly record struct Outcome(bool Ok, JsonElement? Value)
    {
        public static Outcome Bad => new(false, null);

        public static Outcome Of(JsonElement? value) => new(true, value);
    }

    private static Outcome Text(JsonElement value, int max)
    {
        if (value.ValueKind != JsonValueKind.String) return Outcome.Bad;
        var text = value.GetString()!.Trim();
        if (text.Length == 0) return Outcome.Of(null);
        return text.Length > max || text.Contains('\0', StringComparison.Ordinal) ? Outcome.Bad : Outcome.Of(Json(text));
    }

    private static Outcome Checked(JsonElement value, int max, Func<FieldChecks, string, string?> check)
    {
        var text = Text(value, max);
        if (!text.Ok || text.Value is null) return text;
        var checks = new FieldChecks();
        var normalized = check(checks, text.Value.Value.GetString()!);
        return checks.Errors.Count > 0 || normalized is null ? Outcome.Bad : Outcome.Of(Json(normalized));
    }

    private static Outcome Number(JsonElement value, bool money)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number)) return Outcome.Bad;
        if (Math.Abs(number) > MaxNumber || decimal.Round(number, money ? 2 : MaxDecimals) != number || (money && number < 0)) return Outcome.Bad;
        using var document = JsonDocument.Parse((number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
        return Outcome.Of(document.RootElement.Clone());
    }

    private static Outcome Date(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? Outcome.Of(Json(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) : Outcome.Bad;

    // An offset is required: a time without one means different moments to different readers.
    private static Outcome Time(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return Outcome.Bad;
        var text = value.GetString()!;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? Outcome.Of(Json(TimeText(at))) : Outcome.Bad;
    }

    /// <summary>The stored form of a time: UTC to the second, so the text sorts and compares as the time does.</summary>
    public static string TimeText(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Outcome Single(CustomFieldDefinition field, JsonElement value, JsonElement? current)
    {
        if (value.ValueKind != JsonValueKind.String) return Outcome.Bad;
        var key = value.GetString()!;
        var held = current is { ValueKind: JsonValueKind.String } c && c.GetString() == key;
        return Chosen(field, key, held) ? Outcome.Of(Json(key)) : Outcome.Bad;
    }

    private static Outcome Multi(CustomFieldDefinition field, JsonElement value, JsonElement? current)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > field.Options.Count) return Outcome.Bad;
        var held = current is { ValueKind: JsonValueKind.Array } c
            ? c.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal) : [];
        var keys = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Chosen(field, item.GetString()!, held.Contains(item.GetString()!))) return Outcome.Bad;
            if (!keys.Contains(item.GetString()!, StringComparer.Ordinal)) keys.Add(item.GetString()!);
        }
        if (keys.Count == 0) return Outcome.Of(null);
        // The options' own order: one set of choices has one stored form, however it was sent.
        var ordered = field.Options.Select(o => o.Key).Where(keys.Contains).ToList();
        return Outcome.Of(JsonSerializer.SerializeToElement(ordered));
    }

    private static bool Chosen(CustomFieldDefinition field, string key, bool alreadyHeld) =>
        field.Options.Any(o => o.Key == key && (!o.Retired || alreadyHeld));

    private static JsonElement Json(string text) => JsonSerializer.SerializeToElement(text);
}

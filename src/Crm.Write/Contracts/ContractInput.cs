using System.Globalization;
using System.Text.Json;
using Crm.Events;

namespace Crm.Write.Contracts;

/// <summary>
/// Contract fields as a client sent them: raw, not yet validated. In an edit, null leaves a field as is and an empty string clears
/// it (dates as yyyy-MM-dd text and the signatory as UUID text, so a bad value is refused naming the field); custom replaces the object.
/// </summary>
public sealed record ContractInput(
    string? Name = null, string? SignedOn = null, string? StartsOn = null, string? EndsOn = null, string? SignatoryContactId = null,
    string? Remark = null, JsonElement? Custom = null)
{
    public const int MaxNameLength = 100;
    public const int MaxRemarkLength = 2000;
    public const int MaxCustomLength = 16 * 1024;

    public ContractInput Over(ContractFields current) => new(
        Name ?? current.Name, SignedOn ?? current.Get("signedOn"), StartsOn ?? current.Get("startsOn"), EndsOn ?? current.Get("endsOn"),
        SignatoryContactId ?? current.Get("signatoryContactId"), Remark ?? current.Remark, Custom ?? current.Custom);

    /// <summary>The validated, normalized fields, or the refusal naming every field at fault (endsOn before startsOn names endsOn).</summary>
    public (ContractFields? Fields, DomainError? Error) Validate()
    {
        var checks = new FieldChecks();
        var name = checks.Text("name", Name, MaxNameLength, required: true) ?? "";
        var signedOn = Date(checks, "signedOn", SignedOn);
        var startsOn = Date(checks, "startsOn", StartsOn);
        var endsOn = Date(checks, "endsOn", EndsOn);
        if (startsOn is { } start && endsOn is { } end && end < start)
            checks.Fail("endsOn", "ends_before_start", "endsOn is on or after startsOn.");
        Guid? signatory = null;
        if (!string.IsNullOrWhiteSpace(SignatoryContactId))
        {
            if (Guid.TryParse(SignatoryContactId.Trim(), out var id) && id != Guid.Empty) signatory = id;
            else checks.Fail("signatoryContactId", "signatory_invalid", "signatoryContactId is a contact's id (UUID).");
        }
        var remark = checks.Text("remark", Remark, MaxRemarkLength);
        JsonElement? custom = null;
        if (Custom is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given)
        {
            if (given.ValueKind != JsonValueKind.Object || given.GetRawText().Length > MaxCustomLength)
                checks.Fail("custom", "custom_invalid", $"custom is a JSON object of at most {MaxCustomLength} characters.");
            // Compacted, so the same object sent with other whitespace is no change.
            else if (given.EnumerateObject().Any()) custom = JsonSerializer.SerializeToElement(given);
        }
        var fields = new ContractFields(name, signedOn, startsOn, endsOn, signatory, remark, custom);
        return DomainError.Invalid(checks.Errors) is { } error ? (null, error) : (fields, null);
    }

    private static DateOnly? Date(FieldChecks checks, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        checks.Fail(field, "date_invalid", $"{field} is a date: yyyy-MM-dd.");
        return null;
    }
}

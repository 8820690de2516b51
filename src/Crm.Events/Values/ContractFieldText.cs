using System.Globalization;
using System.Text.Json;

namespace Crm.Events;

/// <summary>
/// <see cref="ContractFields"/> as the text <see cref="FieldChange"/> carries: the one reading and folding of a contract's
/// edits, shared by the decider, the approval diff and the read models. Dates are ISO (yyyy-MM-dd), custom is its JSON text.
/// </summary>
public static class ContractFieldText
{
    /// <summary>The field names as they appear in edits, errors, filters and the approval diff.</summary>
    public static IReadOnlyList<string> Names { get; } = ["name", "signedOn", "startsOn", "endsOn", "signatoryContactId", "remark", "custom"];

    public static string? Get(this ContractFields fields, string field) => field switch
    {
        "name" => fields.Name,
        "signedOn" => Date(fields.SignedOn),
        "startsOn" => Date(fields.StartsOn),
        "endsOn" => Date(fields.EndsOn),
        "signatoryContactId" => fields.SignatoryContactId?.ToString(),
        "remark" => fields.Remark,
        "custom" => CustomJson.Canonical(fields.Custom),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a contract field."),
    };

    public static ContractFields Apply(this ContractFields fields, IEnumerable<FieldChange> changes) => changes.Aggregate(fields, (f, c) => c.Field switch
    {
        "name" => f with { Name = c.New ?? "" },
        "signedOn" => f with { SignedOn = ParseDate(c.New) },
        "startsOn" => f with { StartsOn = ParseDate(c.New) },
        "endsOn" => f with { EndsOn = ParseDate(c.New) },
        "signatoryContactId" => f with { SignatoryContactId = c.New is null ? null : Guid.Parse(c.New) },
        "remark" => f with { Remark = c.New },
        "custom" => f with { Custom = c.New is null ? null : JsonDocument.Parse(c.New).RootElement.Clone() },
        _ => f,
    });

    public static IReadOnlyList<FieldChange> ChangesTo(this ContractFields fields, ContractFields next) =>
        Names.Select(n => new FieldChange(n, fields.Get(n), next.Get(n))).Where(c => c.Old != c.New).ToList();

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

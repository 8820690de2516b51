using System.Globalization;
using System.Text.Json;

namespace Crm.Events;

/// <summary>
/// <see cref="OpportunityFields"/> as the text <see cref="FieldChange"/> carries: the one reading and folding of an
/// opportunity's edits, shared by the decider and the read models. Dates are ISO (yyyy-MM-dd), custom is its JSON text.
/// </summary>
public static class OpportunityFieldText
{
    /// <summary>The field names as they appear in edits, errors and filters.</summary>
    public static IReadOnlyList<string> Names { get; } = ["name", "expectedCloseDate", "source", "remark", "custom"];

    public static string? Get(this OpportunityFields fields, string field) => field switch
    {
        "name" => fields.Name,
        "expectedCloseDate" => fields.ExpectedCloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "source" => fields.Source,
        "remark" => fields.Remark,
        "custom" => CustomJson.Canonical(fields.Custom),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not an opportunity field."),
    };

    public static OpportunityFields Apply(this OpportunityFields fields, IEnumerable<FieldChange> changes) => changes.Aggregate(fields, (f, c) => c.Field switch
    {
        "name" => f with { Name = c.New ?? "" },
        "expectedCloseDate" => f with { ExpectedCloseDate = c.New is null ? null : DateOnly.ParseExact(c.New, "yyyy-MM-dd", CultureInfo.InvariantCulture) },
        "source" => f with { Source = c.New },
        "remark" => f with { Remark = c.New },
        "custom" => f with { Custom = c.New is null ? null : JsonDocument.Parse(c.New).RootElement.Clone() },
        _ => f,
    });

    public static IReadOnlyList<FieldChange> ChangesTo(this OpportunityFields fields, OpportunityFields next) =>
        Names.Select(n => new FieldChange(n, fields.Get(n), next.Get(n))).Where(c => c.Old != c.New).ToList();
}

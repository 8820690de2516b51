using Crm.Events;
using T = Crm.Events.CustomFieldTypes;

namespace Crm.Projections.Filtering;

/// <summary>The filterable custom.&lt;key&gt; fields of a kind (SET-1), each with the filter type its field type maps to.</summary>
public static class CustomFilterFields
{
    /// <param name="column">The custom jsonb column under the list's alias, e.g. "c.custom".</param>
    public static IReadOnlyList<FilterField> Of(IEnumerable<CustomFieldDefinition> fields, string column) =>
        [.. fields.Select(f => new FilterField(CustomChanges.Prefix + f.Key, $"({column}->>'{f.Key}')", TypeOf(f.Type),
            new CustomFilterField(column, f.Key, f.Type)))];

    public static FilterType TypeOf(string type) => type switch
    {
        T.Number => FilterType.Decimal,
        T.Money => FilterType.Money,
        T.Date or T.DateTime => FilterType.Timestamp,
        T.Boolean => FilterType.Bool,
        T.User => FilterType.Uuid,
        T.MultiSelect => FilterType.TextArray,
        _ => FilterType.Text,
    };
}

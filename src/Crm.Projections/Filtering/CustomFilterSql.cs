using System.Globalization;
using System.Text.Json;
using Crm.Events;
using Npgsql;
using NpgsqlTypes;
using T = Crm.Events.CustomFieldTypes;

namespace Crm.Projections.Filtering;

/// <summary>
/// Conditions on custom fields (custom.&lt;key&gt;, SET-1) as SQL over the record table's custom jsonb column. Every equality-like
/// condition (eq, ne, in, a multi select's contains) is a containment test, custom @> '{"key": value}', which the table's GIN index
/// (jsonb_path_ops, migration 0221) answers for any field without an index per field; ranges read the value through a type guard, so a
/// value stored before the field was defined (free-form custom objects of older records) never fails a cast.
/// </summary>
public static class CustomFilterSql
{
    public static string Condition(FilterCondition c, CustomFilterField field, string prefix, List<NpgsqlParameter> parameters)
    {
        var value = $"({field.Column}->'{field.Key}')";
        if (c.Op == "isNull") return (bool)c.Value! ? $"{value} is null" : $"{value} is not null";
        var multi = field.ValueType == T.MultiSelect;
        switch (c.Op, c.Value)
        {
            case ("in", Array items):
                return "(" + string.Join(" or ", items.Cast<object>().Select(i => Contains(field, Json(i, multi), prefix, parameters))) + ")";
            case ("eq", _):
                return Contains(field, Json(c.Value!, multi), prefix, parameters);
            case ("ne", _):
                return "not " + Contains(field, Json(c.Value!, multi), prefix, parameters);
            case ("contains", string text) when multi:
                return Contains(field, Json(text, true), prefix, parameters);
            case ("contains", string text):
                return $"({field.Column}->>'{field.Key}') ilike @{Add(parameters, prefix, "%" + FilterSql.EscapeLike(text) + "%", NpgsqlDbType.Text)}";
            case (_, DecimalRange range):
                var low = Add(parameters, prefix, range.Low, NpgsqlDbType.Numeric);
                return $"{Number(field)} between @{low} and @{Add(parameters, prefix, range.High, NpgsqlDbType.Numeric)}";
            case (_, decimal number):
                return $"{Number(field)} {Comparison(c.Op)} @{Add(parameters, prefix, number, NpgsqlDbType.Numeric)}";
            case (_, DateTimeOffset at):
                var bound = field.ValueType == T.Date ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                // Stored dates and times are fixed-width UTC text, so they compare as text exactly as they do as times.
                return $"(case when jsonb_typeof({value}) = 'string' then {field.Column}->>'{field.Key}' end) {Comparison(c.Op)} "
                    + $"@{Add(parameters, prefix, bound, NpgsqlDbType.Text)}";
            default:
                throw new ArgumentOutOfRangeException(nameof(c), c.Op, "Operator not validated for a custom field.");
        }
    }

    private static string Number(CustomFilterField field) =>
        $"(case when jsonb_typeof({field.Column}->'{field.Key}') = 'number' then ({field.Column}->>'{field.Key}')::numeric end)";

    private static string Comparison(string op) => op switch
    {
        "gt" => ">", "gte" => ">=", "lt" => "<", "lte" => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a comparison."),
    };

    private static string Contains(CustomFilterField field, JsonElement value, string prefix, List<NpgsqlParameter> parameters)
    {
        var probe = JsonSerializer.Serialize(new Dictionary<string, JsonElement> { [field.Key] = value });
        return $"{field.Column} @> @{Add(parameters, prefix, probe, NpgsqlDbType.Jsonb)}";
    }

    // The value as records store it: a user's id as its lower-case text, a multi select's option inside a list.
    private static JsonElement Json(object value, bool inList)
    {
        var element = value is Guid id ? JsonSerializer.SerializeToElement(id.ToString()) : JsonSerializer.SerializeToElement(value);
        return inList ? JsonSerializer.SerializeToElement(new[] { element }) : element;
    }

    private static string Add(List<NpgsqlParameter> parameters, string prefix, object value, NpgsqlDbType type)
    {
        var name = prefix + parameters.Count;
        parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return name;
    }
}

using System.Globalization;
using System.Text.Json;

namespace Crm.Projections.Filtering;

/// <summary>
/// Parses and validates a JSON filter tree — {"and":[{"field":"level","op":"eq","value":"A"}, …]} —
/// against a list's known fields, in pure code: unknown fields and operators, and values of the
/// wrong type, are refused naming the field, before any SQL exists.
/// </summary>
public static class FilterTree
{
    public const int MaxDepth = 4;
    public const int MaxConditions = 50;
    public const int MaxInValues = 100;

    // Declared before Operators, which reads it while the class initializes.
    private static readonly string[] NumberOperators = ["eq", "ne", "gt", "gte", "lt", "lte", "between", "isNull"];

    public static IReadOnlyDictionary<FilterType, IReadOnlyList<string>> Operators { get; } = new Dictionary<FilterType, IReadOnlyList<string>>
    {
        [FilterType.Text] = ["eq", "ne", "in", "contains", "isNull"],
        [FilterType.Uuid] = ["eq", "ne", "in", "isNull"],
        [FilterType.Bool] = ["eq", "ne"],
        [FilterType.Timestamp] = ["gte", "lte", "isNull"],
        [FilterType.TextArray] = ["contains", "in", "isNull"],
        [FilterType.Decimal] = NumberOperators,
        [FilterType.Money] = NumberOperators,
    };


    public static (FilterNode? Node, IReadOnlyList<FilterError> Errors) Parse(string? json, IReadOnlyList<FilterField> fields)
    {
        if (string.IsNullOrWhiteSpace(json)) return (null, []);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement, fields);
        }
        catch (JsonException e)
        {
            return (null, [new FilterError("filter", "The filter is not valid JSON: " + e.Message)]);
        }
    }

    public static (FilterNode? Node, IReadOnlyList<FilterError> Errors) Parse(JsonElement json, IReadOnlyList<FilterField> fields)
    {
        var parser = new Parser(fields.ToDictionary(f => f.Name, StringComparer.Ordinal));
        var node = parser.Node(json, 1);
        return parser.Errors.Count > 0 ? (null, parser.Errors) : (node, []);
    }

    private sealed class Parser(Dictionary<string, FilterField> fields)
    {
        private int conditions;

        public List<FilterError> Errors { get; } = [];

        public FilterNode? Node(JsonElement json, int depth)
        {
            if (json.ValueKind != JsonValueKind.Object) return Fail("filter",
                "A filter node is an object: {\"and\": […]}, {\"or\": […]} or {\"field\", \"op\", \"value\"}.");
            if (depth > MaxDepth) return Fail("filter", $"Filters nest at most {MaxDepth} levels deep.");
            var isAnd = json.TryGetProperty("and", out var and);
            var isOr = json.TryGetProperty("or", out var or);
            if (isAnd || isOr)
            {
                var children = isAnd ? and : or;
                if ((isAnd && isOr) || children.ValueKind != JsonValueKind.Array || CountProperties(json) != 1)
                    return Fail("filter", "A group has exactly one of \"and\" or \"or\", holding an array of nodes.");
                var nodes = children.EnumerateArray().Select(c => Node(c, depth + 1)).ToList();
                return nodes.Any(n => n is null) ? null : new FilterGroup(isOr, nodes!);
            }
            return Condition(json);
        }

        private FilterNode? Condition(JsonElement json)
        {
            if (++conditions > MaxConditions) return Fail("filter", $"A filter has at most {MaxConditions} conditions.");
            if (!json.TryGetProperty("field", out var f) || f.ValueKind != JsonValueKind.String) return Fail("filter", "A condition names its field.");
            var name = f.GetString()!;
            if (!fields.TryGetValue(name, out var field))
                return Fail(name, $"Unknown field '{name}'. Filterable fields: {string.Join(", ", fields.Keys)}.");
            var op = json.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "";
            var allowed = Operators[field.Type];
            if (!allowed.Contains(op)) return Fail(name, $"Operator '{op}' does not apply to {name}; use one of: {string.Join(", ", allowed)}.");
            var hasValue = json.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Null;

            switch (op)
            {
                case "isNull":
                    if (!hasValue) return new FilterCondition(field, op, true);
                    return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                        ? new FilterCondition(field, op, value.GetBoolean()) : Fail(name, "isNull takes true or false.");
                case "in":
                    if (!hasValue || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxInValues)
                        return Fail(name, $"in takes an array of 1 to {MaxInValues} values.");
                    var scalar = field.Type == FilterType.TextArray ? FilterType.Text : field.Type;
                    var items = value.EnumerateArray().Select(v => Scalar(scalar, v)).ToList();
                    if (items.Any(i => i is null)) return Fail(name, $"Every value in {name}'s list must be {Describe(scalar)}.");
                    return new FilterCondition(field, op, scalar == FilterType.Uuid ? items.Cast<Guid>().ToArray() : items.Cast<string>().ToArray());
                case "between":
                    return Between(field, value, hasValue);
                default:
                    var type = field.Type == FilterType.TextArray ? FilterType.Text : field.Type;
                    var parsed = hasValue ? Scalar(type, value) : null;
                    if (parsed is null || (op == "contains" && parsed is string { Length: 0 })) return Fail(name, $"{op} on {name} takes {Describe(type)}.");
                    return new FilterCondition(field, op, parsed);
            }
        }

        // between takes [low, high], both inclusive; a reversed range is refused rather than silently matching nothing.
        private FilterNode? Between(FilterField field, JsonElement value, bool hasValue)
        {
            var bounds = hasValue && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2
                ? value.EnumerateArray().Select(v => Scalar(field.Type, v)).ToList() : null;
            if (bounds is null || bounds.Any(b => b is null))
                return Fail(field.Name, $"between on {field.Name} takes an array of two values, each {Describe(field.Type)}.");
            var (low, high) = ((decimal)bounds[0]!, (decimal)bounds[1]!);
            return low <= high ? new FilterCondition(field, "between", new DecimalRange(low, high))
                : Fail(field.Name, $"between on {field.Name} takes [low, high] with low ≤ high.");
        }

        private static object? Scalar(FilterType type, JsonElement v) => type switch
        {
            FilterType.Decimal when v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var number) => number,
            FilterType.Money when v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var money) && IsMoney(money) => money,
            FilterType.Text when v.ValueKind == JsonValueKind.String && v.GetString()!.Length <= 500 => v.GetString(),
            FilterType.Uuid when v.ValueKind == JsonValueKind.String && Guid.TryParse(v.GetString(), out var id) => id,
            FilterType.Bool when v.ValueKind is JsonValueKind.True or JsonValueKind.False => v.GetBoolean(),
            FilterType.Timestamp when v.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at.ToUniversalTime(),
            _ => null,
        };

        private static string Describe(FilterType type) => type switch
        {
            FilterType.Uuid => "a UUID",
            FilterType.Bool => "true or false",
            FilterType.Timestamp => "an ISO 8601 time such as 2026-03-01T00:00:00Z",
            FilterType.Decimal => "a number",
            FilterType.Money => "an amount: a number, not negative, with at most 2 decimals",
            _ => "a text of at most 500 characters",
        };

        // 12.500 is 12.50: trailing zeros are not extra decimals.
        private static bool IsMoney(decimal value) => value >= 0 && decimal.Round(value, 2) == value;

        private static int CountProperties(JsonElement json) => json.EnumerateObject().Count();

        private FilterNode? Fail(string field, string message)
        {
            Errors.Add(new FilterError(field, message));
            return null;
        }
    }
}

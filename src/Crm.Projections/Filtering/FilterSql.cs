using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Filtering;

/// <summary>A filter as a SQL boolean expression with its parameters; client values only ever travel as parameters.</summary>
public sealed record CompiledFilter(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public static CompiledFilter True { get; } = new("true", []);
}

/// <summary>Compiles a validated filter tree into parameterized SQL.</summary>
public static class FilterSql
{
    /// <param name="prefix">Parameter name prefix, so the filter's parameters cannot clash with the query's own.</param>
    public static CompiledFilter Compile(FilterNode? node, string prefix = "f")
    {
        if (node is null) return CompiledFilter.True;
        var parameters = new List<NpgsqlParameter>();
        var sql = Node(node, prefix, parameters);
        return new CompiledFilter(sql, parameters);
    }

    private static string Node(FilterNode node, string prefix, List<NpgsqlParameter> parameters) => node switch
    {
        FilterGroup { Children.Count: 0 } g => g.Any ? "false" : "true",
        FilterGroup g => "(" + string.Join(g.Any ? " or " : " and ", g.Children.Select(c => Node(c, prefix, parameters))) + ")",
        FilterCondition c => Condition(c, prefix, parameters),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static string Condition(FilterCondition c, string prefix, List<NpgsqlParameter> parameters)
    {
        if (c.Field.Custom is { } custom) return CustomFilterSql.Condition(c, custom, prefix, parameters);
        var column = c.Field.Sql;
        var isArray = c.Field.Type == FilterType.TextArray;
        if (c.Op == "isNull")
        {
            var isNull = (bool)c.Value!;
            return isArray ? $"cardinality({column}) {(isNull ? "=" : ">")} 0" : $"{column} is {(isNull ? "" : "not ")}null";
        }

        var name = prefix + parameters.Count;
        if (c.Value is DecimalRange range)
        {
            parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Numeric) { Value = range.Low });
            parameters.Add(new NpgsqlParameter(prefix + parameters.Count, NpgsqlDbType.Numeric) { Value = range.High });
            return $"{column} between @{name} and @{prefix + (parameters.Count - 1)}";
        }

        var (value, type) = (c.Op, c.Value) switch
        {
            ("contains", string text) when isArray => ((object)new[] { text }, NpgsqlDbType.Array | NpgsqlDbType.Text),
            ("contains", string text) => ("%" + EscapeLike(text) + "%", NpgsqlDbType.Text),
            ("in", Guid[] ids) => (ids, NpgsqlDbType.Array | NpgsqlDbType.Uuid),
            ("in", string[] texts) => (texts, NpgsqlDbType.Array | NpgsqlDbType.Text),
            (_, Guid id) => (id, NpgsqlDbType.Uuid),
            (_, bool flag) => (flag, NpgsqlDbType.Boolean),
            (_, DateTimeOffset at) => (at, NpgsqlDbType.TimestampTz),
            (_, decimal number) => (number, NpgsqlDbType.Numeric),
            (_, var other) => (other!, NpgsqlDbType.Text),
        };
        parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return (c.Op, isArray) switch
        {
            ("contains", true) => $"{column} @> @{name}",
            ("in", true) => $"{column} && @{name}",
            ("contains", false) => $"{column} ilike @{name}",
            ("in", false) => $"{column} = any(@{name})",
            ("eq", _) => $"{column} = @{name}",
            ("ne", _) => $"{column} is distinct from @{name}",
            ("gt", _) => $"{column} > @{name}",
            ("gte", _) => $"{column} >= @{name}",
            ("lt", _) => $"{column} < @{name}",
            ("lte", _) => $"{column} <= @{name}",
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Op, "Operator not validated."),
        };
    }

    /// <summary>Makes % and _ in a client's text match themselves in ILIKE (backslash is the default escape).</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

namespace Crm.Projections.Filtering;

/// <summary>The value kinds a filterable field can have; each allows its own operators.</summary>
public enum FilterType
{
    Text,
    Uuid,
    Bool,
    Timestamp,
    TextArray,
}

/// <summary>A built-in field a list can be filtered on: its API name and the SQL expression it reads.</summary>
/// <param name="Sql">A column (or expression) of the list's query; never built from client input.</param>
public sealed record FilterField(string Name, string Sql, FilterType Type);

/// <summary>A parsed, validated filter tree (the shape saved filters, "scenes", store).</summary>
public abstract record FilterNode;

/// <summary>All children must hold (and), or any of them (or).</summary>
public sealed record FilterGroup(bool Any, IReadOnlyList<FilterNode> Children) : FilterNode;

/// <summary>One comparison; <paramref name="Value"/> is already of the field's type (or an array of it, for "in").</summary>
public sealed record FilterCondition(FilterField Field, string Op, object? Value) : FilterNode;

/// <summary>Why a filter was refused, naming the field (or "filter" for the tree's shape).</summary>
public sealed record FilterError(string Field, string Message);

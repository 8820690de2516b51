namespace Crm.Projections.Filtering;

/// <summary>The value kinds a filterable field can have; each allows its own operators.</summary>
public enum FilterType
{
    Text,
    Uuid,
    Bool,
    Timestamp,
    TextArray,

    /// <summary>An exact decimal (numeric column); compared as numbers, never as text or floating point.</summary>
    Decimal,

    /// <summary>A decimal amount of money: as <see cref="Decimal"/>, but values have at most 2 decimals and are never negative.</summary>
    Money,
}

/// <summary>A field a list can be filtered on: its API name and the SQL expression it reads.</summary>
/// <param name="Sql">A column (or expression) of the list's query; never built from client input.</param>
/// <param name="Custom">Set for a custom field (custom.&lt;key&gt;): its conditions are compiled by <see cref="CustomFilterSql"/>.</param>
public sealed record FilterField(string Name, string Sql, FilterType Type, CustomFilterField? Custom = null);

/// <summary>Where a custom field's value lives: the record table's custom jsonb column, the key, and the field's type (SET-1).</summary>
/// <param name="Column">The jsonb column under the list's alias, e.g. c.custom.</param>
/// <param name="Key">The field key; only ever a defined key (lower-case letters, digits, underscores).</param>
public sealed record CustomFilterField(string Column, string Key, string ValueType);

/// <summary>A parsed, validated filter tree (the shape saved filters, "scenes", store).</summary>
public abstract record FilterNode;

/// <summary>All children must hold (and), or any of them (or).</summary>
public sealed record FilterGroup(bool Any, IReadOnlyList<FilterNode> Children) : FilterNode;

/// <summary>
/// One comparison; <paramref name="Value"/> is already of the field's type (or an array of it, for "in"; a
/// <see cref="DecimalRange"/> for "between").
/// </summary>
public sealed record FilterCondition(FilterField Field, string Op, object? Value) : FilterNode;

/// <summary>Why a filter was refused, naming the field (or "filter" for the tree's shape).</summary>
public sealed record FilterError(string Field, string Message);

/// <summary>The bounds of a "between" condition, both inclusive, <paramref name="Low"/> ≤ <paramref name="High"/>.</summary>
public sealed record DecimalRange(decimal Low, decimal High);

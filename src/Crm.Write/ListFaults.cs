using Crm.Projections;
using Crm.Projections.Filtering;

namespace Crm.Write;

/// <summary>How a list's filter tree and sort are refused, named the same by the lists and by scenes saving them.</summary>
public static class ListFaults
{
    /// <summary>An unknown sort.</summary>
    public static FieldError Sort { get; } =
        new("sort", "sort_unknown", $"Sort by one of {string.Join(", ", ListSort.Fields)}, with - in front for descending.");

    /// <summary>A filter tree's faults: "filter" or "filter.&lt;field&gt;".</summary>
    public static IReadOnlyList<FieldError> Of(IReadOnlyList<FilterError> errors) =>
        errors.Select(e => new FieldError(e.Field == "filter" ? "filter" : "filter." + e.Field, "filter_invalid", e.Message)).ToList();
}

using System.Text.Json;
using Crm.Host.Org;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Filtering;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Leads;

/// <summary>The checks every list request shares: page size, cursor, sort and filter tree, each refusal naming its field.</summary>
public static class ListInputs
{
    public static ProblemHttpResult? CheckPaging(int? limit, string? cursor)
    {
        if (limit is < 1 or > DepartmentEndpoints.MaxPageSize)
            return DomainProblems.Invalid("limit", "limit_out_of_range", $"The page size is 1 to {DepartmentEndpoints.MaxPageSize}.");
        if (cursor is not null && !KeysetCursor.TryDecode(cursor, out _))
            return DomainProblems.Invalid("cursor", "cursor_invalid", "Pass back a nextCursor exactly as a previous page returned it.");
        return null;
    }

    public static (ListSort? Sort, ProblemHttpResult? Problem) Sort(string? sort)
    {
        var parsed = ListSort.Parse(sort);
        return parsed is null
            ? (null, DomainProblems.Invalid("sort", "sort_unknown", $"Sort by one of {string.Join(", ", ListSort.Fields)}, with - in front for descending."))
            : (parsed, null);
    }

    /// <summary>Parses a filter tree; every fault is listed under errors, keyed "filter" or "filter.&lt;field&gt;".</summary>
    public static (FilterNode? Node, ProblemHttpResult? Problem) Filter(JsonElement? json, IReadOnlyList<FilterField> fields)
    {
        if (json is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return (null, null);
        var (node, errors) = FilterTree.Parse(element, fields);
        if (errors.Count == 0) return (node, null);
        var faults = errors.Select(e => new FieldError(e.Field == "filter" ? "filter" : "filter." + e.Field, "filter_invalid", e.Message)).ToList();
        return (null, DomainError.Invalid(faults)!.ToProblem());
    }
}

using System.Text.Json;
using Crm.Projections;
using Crm.Projections.Filtering;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Platform;

/// <summary>
/// The checks every list request shares (leads, customers, contacts, exports, scenes): page size, cursor,
/// sort and filter tree, each refusal naming its field — "sort", "filter", or "filter.&lt;field&gt;".
/// </summary>
public static class ListInputs
{
    /// <summary>A list's page size when none is asked for (lists with a setting use listPageSize instead).</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page any list answers.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The longest free-text search (q) any list takes, saved scenes included.</summary>
    public const int MaxQLength = Crm.Write.Scenes.Scene.MaxQLength;

    /// <summary>The one q rule of every list: at most <see cref="MaxQLength"/> characters; blank means no search.</summary>
    public static (string? Q, ProblemHttpResult? Problem) Q(string? q) => q switch
    {
        { Length: > MaxQLength } => (null, DomainProblems.Invalid("q", "q_too_long", $"q has at most {MaxQLength} characters.")),
        _ when string.IsNullOrWhiteSpace(q) => (null, null),
        _ => (q.Trim(), null),
    };

    public static ProblemHttpResult? CheckPaging(int? limit, string? cursor)
    {
        if (limit is < 1 or > MaxPageSize)
            return DomainProblems.Invalid("limit", "limit_out_of_range", $"The page size is 1 to {MaxPageSize}.");
        if (cursor is not null && !KeysetCursor.TryDecode(cursor, out _))
            return DomainProblems.Invalid("cursor", "cursor_invalid", "Pass back a nextCursor exactly as a previous page returned it.");
        return null;
    }

    public static (ListSort? Sort, ProblemHttpResult? Problem) Sort(string? sort)
    {
        var parsed = ListSort.Parse(sort);
        return parsed is null ? (null, DomainProblems.Invalid(SortFault.Field, SortFault.Code, SortFault.Message)) : (parsed, null);
    }

    /// <summary>How an unknown sort is refused (lists, and scenes saving a sort).</summary>
    public static FieldError SortFault => ListFaults.Sort;

    /// <summary>Parses a filter tree; every fault is listed under errors, keyed "filter" or "filter.&lt;field&gt;".</summary>
    public static (FilterNode? Node, ProblemHttpResult? Problem) Filter(JsonElement? json, IReadOnlyList<FilterField> fields)
    {
        if (json is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return (null, null);
        var (node, errors) = FilterTree.Parse(element, fields);
        return errors.Count == 0 ? (node, null) : (null, DomainError.Invalid(Faults(errors))!.ToProblem());
    }

    /// <summary>A filter tree's faults as the lists (and scenes) name them: "filter" or "filter.&lt;field&gt;".</summary>
    public static IReadOnlyList<FieldError> Faults(IReadOnlyList<FilterError> errors) => ListFaults.Of(errors);
}

namespace Crm.Projections.Reports;

/// <summary>
/// One grouped SQL query of a report (a report may add several, e.g. payments received and instalments planned): the rows it reads,
/// whose they are, the time or date the range applies to, and one aggregate per measure of the report.
/// </summary>
/// <param name="From">Tables and aliases, e.g. "crm.customers c"; never client input.</param>
/// <param name="Owner">Whose record a row is: grouping by user and department, and the userId / departmentId filters.</param>
/// <param name="Time">The column the date range applies to (and periods group by).</param>
/// <param name="TimeIsDate">The column is a date (compared with the range's days) rather than a time (compared in the caller's zone).</param>
/// <param name="Currency">The currency column of money measures; null when the part only counts.</param>
/// <param name="Where">The part's own condition, e.g. only approved contracts.</param>
/// <param name="Visible">The visibility branches of the caller's scopes (<see cref="ReportVisibility"/>), each a grouped select.</param>
/// <param name="Measures">One aggregate per measure, in the report's order; null for a measure derived afterwards (a rate).</param>
/// <param name="Attributes">The groupings of the part's own columns (source, industry …): the key expression and, when the key is an
/// id, the aggregate that names it.</param>
internal sealed record ReportPart(
    string From, string Owner, string Time, bool TimeIsDate, string? Currency, string Where, Func<ReportScopes, IReadOnlyList<string>> Visible,
    IReadOnlyList<string?> Measures, IReadOnlyDictionary<string, (string Key, string? Label)> Attributes)
{
    /// <summary>The groupings every part has: its owner (user), the owner's department, and the periods of its time column.</summary>
    public IReadOnlyList<string> GroupBys => [ReportGroupBy.User, ReportGroupBy.Department, .. ReportGroupBy.Periods, .. Attributes.Keys];

    public (string Key, string? Label) Dimension(string groupBy) => groupBy switch
    {
        ReportGroupBy.User => ($"{Owner}::text", null),
        ReportGroupBy.Department => ($"(select u.department_id from org.users u where u.id = {Owner})::text", null),
        _ when ReportGroupBy.IsPeriod(groupBy) => (TimeIsDate ? $"to_char({Time}, 'YYYY-MM-DD')" : $"to_char({Time} at time zone @zone, 'YYYY-MM-DD')",
            null),
        _ => Attributes[groupBy],
    };

    /// <summary>The part's grouped query: one row per (group, currency), with the group's label where the key is an id.</summary>
    public string Sql(ReportRequest request, string filter)
    {
        var (key, label) = Dimension(request.GroupBy);
        var range = TimeIsDate ? $"{Time} between @from_day and @to_day" : $"{Time} >= @start and {Time} < @end";
        var narrow = request.Owners is null ? "" : $"and {Owner} = any(@narrow)";
        var measures = string.Join(", ", Measures.Select((m, i) => m is null ? $"null::numeric as m{i}" : $"coalesce(({m})::numeric, 0) as m{i}"));
        var name = request.GroupBy switch
        {
            ReportGroupBy.User => "(select u.display_name from org.users u where u.id = q.key::uuid)",
            ReportGroupBy.Department => "(select d.name from org.departments d where d.id = q.key::uuid)",
            _ => "q.label_agg",
        };
        // One grouped select per visibility branch (ReportVisibility); the rows of a group and currency are summed when folded.
        var branches = Visible(request.Scopes).Select(visible =>
            $"""
              select {key} as key, {Currency ?? "null::text"} as currency, {label ?? "null::text"} as label_agg, {measures}
              from {From}
              where {Where} and {visible} and {range} {narrow} and {filter}
              group by 1, 2
            """);
        return $"select q.*, {name} as label from ({string.Join(" union all ", branches)}) q";
    }
}

using Crm.Projections.Filtering;

namespace Crm.Projections.Reports;

/// <summary>
/// What a report is: its name (the route's), its measures, the SQL parts that count them, the filter fields its filter tree takes,
/// the groupings it allows (those every part has) and the derived measures computed from the sums.
/// </summary>
public sealed class ReportSpec
{
    internal ReportSpec(string name, string defaultGroupBy, IReadOnlyList<string> measures, IReadOnlyList<FilterField> fields,
        IReadOnlyList<ReportPart> parts, Func<IReadOnlyList<decimal?>, IReadOnlyList<decimal?>>? derive = null)
    {
        Name = name;
        DefaultGroupBy = defaultGroupBy;
        Measures = measures;
        Fields = fields;
        Parts = parts;
        Derive = derive;
        GroupBys = parts.Select(p => p.GroupBys).Aggregate((a, b) => [.. a.Intersect(b)]);
    }

    public string Name { get; }

    public string DefaultGroupBy { get; }

    public IReadOnlyList<string> Measures { get; }

    /// <summary>The fields of the report's filter tree (the same as the list of its records, where there is one).</summary>
    public IReadOnlyList<FilterField> Fields { get; }

    public IReadOnlyList<string> GroupBys { get; }

    internal IReadOnlyList<ReportPart> Parts { get; }

    internal Func<IReadOnlyList<decimal?>, IReadOnlyList<decimal?>>? Derive { get; }

    /// <summary>The same report counting one of its measures only (a ranking's figure).</summary>
    internal ReportSpec Only(string measure)
    {
        var i = Measures.ToList().IndexOf(measure);
        return new ReportSpec(Name, DefaultGroupBy, [measure], Fields, [.. Parts.Select(p => p with { Measures = [p.Measures[i]] })]);
    }
}

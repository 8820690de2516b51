using Crm.Events;

namespace Crm.Host.Platform;

/// <summary>One fault of a refused import row.</summary>
public sealed record ImportFieldFault(string Field, string Code, string Message);

/// <summary>A refused row (1-based data row, the header not counted) with every fault found in it.</summary>
public sealed record ImportRowReport(int Row, IReadOnlyList<ImportFieldFault> Errors)
{
    /// <summary>The per-row shape of every import's report: faults grouped by row, rows in order.</summary>
    public static IReadOnlyList<ImportRowReport> Of(IEnumerable<ImportRowFailure> failures) =>
        failures.GroupBy(f => f.Row).OrderBy(g => g.Key)
            .Select(g => new ImportRowReport(g.Key, g.Select(f => new ImportFieldFault(f.Field, f.Code, f.Message)).ToList())).ToList();
}

using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Reports;

/// <summary>
/// /api/reports (DASH-2): one named route per report (customers, lead-conversion, follow-ups, product-sales, payments, rankings), each with
/// its export (?format=csv|xlsx), so a generated client has one typed call per report and no report name to get wrong. The counting is
/// Crm.Projections/Reports; these parse, resolve the caller's scopes (ReportInputs) and map.
/// </summary>
public static class ReportEndpoints
{
    public const string Rankings = "rankings";

    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization();
        foreach (var spec in ReportSpecs.All)
        {
            var name = ReportApiDocs.OperationName(spec.Name);
            group.MapGet($"/{spec.Name}", (DateOnly? from, DateOnly? to, string? groupBy, Guid? userId, Guid? departmentId, string? filter,
                    [AsParameters] ReportServices s) => GetAsync(spec.Name, null, new ReportAsk(from, to, groupBy, userId, departmentId, filter), s))
                .WithName($"Get{name}Report").RequirePermission("report.view").Documented(ReportApiDocs.Get(spec)).WithReportParameters(spec.GroupBys);
            group.MapGet($"/{spec.Name}/export", (DateOnly? from, DateOnly? to, string? groupBy, Guid? userId, Guid? departmentId, string? filter,
                    string? format, [AsParameters] ReportServices s) =>
                    ExportAsync(spec.Name, null, format, new ReportAsk(from, to, groupBy, userId, departmentId, filter), s))
                .WithName($"Export{name}Report").RequirePermission("report.export").Documented(ReportApiDocs.Export(spec.Name))
                .WithReportParameters(spec.GroupBys).WithReportFile();
        }
        group.MapGet($"/{Rankings}", (DateOnly? from, DateOnly? to, string? groupBy, Guid? userId, Guid? departmentId, string? filter, string? measure,
                [AsParameters] ReportServices s) => GetAsync(Rankings, measure, new ReportAsk(from, to, groupBy, userId, departmentId, filter), s))
            .WithName("GetRankingsReport").RequirePermission("report.view").Documented(ReportApiDocs.Rankings)
            .WithReportParameters(ReportRankings.GroupBys);
        group.MapGet($"/{Rankings}/export", (DateOnly? from, DateOnly? to, string? groupBy, Guid? userId, Guid? departmentId, string? filter,
                string? measure, string? format, [AsParameters] ReportServices s) =>
                ExportAsync(Rankings, measure, format, new ReportAsk(from, to, groupBy, userId, departmentId, filter), s))
            .WithName("ExportRankingsReport").RequirePermission("report.export").Documented(ReportApiDocs.Export(Rankings))
            .WithReportParameters(ReportRankings.GroupBys).WithReportFile();
        return group;
    }

    private static async Task<Results<Ok<ReportResponse>, ProblemHttpResult>> GetAsync(string report, string? measure, ReportAsk ask, ReportServices s)
    {
        var (answer, _, problem) = await RunAsync(report, measure, ask, "report.view", s);
        return problem is null ? TypedResults.Ok(answer!) : problem;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        string report, string? measure, string? format, ReportAsk ask, ReportServices s)
    {
        format ??= ReportExport.Csv;
        if (!ReportValues.Formats.Contains(format)) return DomainProblems.Invalid("format", "format_invalid", "format is csv or xlsx.");
        var (answer, table, problem) = await RunAsync(report, measure, ask, "report.export", s);
        if (problem is not null) return problem;
        var ranked = report == Rankings;
        var name = $"{report}-{answer!.From:yyyyMMdd}-{answer.To:yyyyMMdd}.{format}";
        return format == ReportExport.Xlsx
            ? TypedResults.File(await ReportExport.XlsxAsync(table!, ranked, s.Ct), ReportExport.XlsxMediaType, name)
            : TypedResults.File(await ReportExport.CsvAsync(table!, ranked, s.Ct), ReportExport.CsvMediaType, name);
    }

    /// <summary>The report's inputs checked against its spec (a ranking's: the measure's), the scopes resolved, the report counted.</summary>
    private static async Task<(ReportResponse? Answer, ReportTable? Table, ProblemHttpResult? Problem)> RunAsync(
        string report, string? measure, ReportAsk ask, string permission, ReportServices s)
    {
        var ranked = report == Rankings;
        if (ranked) measure ??= ReportRankings.NewCustomers;
        if (ranked && !ReportRankings.Measures.Contains(measure!))
            return (null, null, DomainProblems.Invalid("measure", "measure_invalid", $"measure is one of {string.Join(", ", ReportRankings.Measures)}."));
        var spec = ranked ? ReportRankings.SpecOf(measure!) : ReportSpecs.All.Single(r => r.Name == report);
        var (request, problem) = await ReportInputs.ReadAsync(spec, ranked ? ReportRankings.GroupBys : spec.GroupBys, ask, permission, s);
        if (problem is not null) return (null, null, problem);
        var table = await s.Retry.Reads.ExecuteAsync(async c =>
            ranked ? await s.Reports.RankAsync(measure!, request!, c) : await s.Reports.RunAsync(spec, request!, c), s.Ct);
        var w = request!.Window;
        var answer = new ReportResponse(report, w.From, w.To, w.TimeZone, request.GroupBy, ranked ? measure : null, ask.UserId, ask.DepartmentId,
            table.Measures, [.. table.Rows.Select(r => ReportRowResponse.From(r, table.Measures))],
            [.. table.Totals.Select(r => ReportRowResponse.From(r, table.Measures))]);
        return (answer, table, null);
    }
}

using Crm.Events.Imports;
using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Leads;
using Crm.Write;
using Crm.Write.Imports;
using Crm.Write.Leads;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.DataSync;

/// <summary>POST /api/leads/import, GET /api/leads/imports/{id} and POST /api/leads/export, on the CSV machinery every import shares.</summary>
public static class LeadCsvEndpoints
{
    public static readonly string[] Columns =
        ["id", "name", "company", "phone", "email", "source", "industry", "level", "address", "remark", "ownerId", "convertedCustomerId", "createdAt",
            "updatedAt"];

    // Columns an export writes that an import does not take (the server owns them); a re-imported export just works.
    private static readonly HashSet<string> ExportOnlyColumns = new(StringComparer.OrdinalIgnoreCase)
        { "id", "ownerId", "convertedCustomerId", "createdAt", "updatedAt" };

    public static void MapLeadCsv(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/leads").WithTags("Leads").RequireAuthorization();
        group.MapPost("/import", Import).WithName("ImportLeads").RequirePermission("lead.import").Accepts<string>("text/csv", "multipart/form-data")
            .WithFilePart("file", "The CSV file; the first file of the form is read, whatever its part's name.").Documented(CsvApiDocs.ImportLeads);
        group.MapGet("/imports/{id}", GetReport).WithName("GetLeadImport").RequirePermission("lead.import").Documented(CsvApiDocs.LeadReport);
        group.MapPost("/export", Export).WithName("ExportLeads").RequirePermission("lead.export").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Documented(CsvApiDocs.Export("leads", Columns));
    }

    /// <summary>Import leads from a CSV file.</summary>
    /// <param name="ownerId">Who owns the imported leads (default: you).</param>
    /// <param name="createAnyway">Write rows even when they look like existing leads or customers or earlier rows.</param>
    private static async Task<Results<Created<LeadImportReport>, ProblemHttpResult>> Import(
        Guid? ownerId, bool? createAnyway, HttpContext http, CallerAccess caller, LeadImportHandler handler, TimeProvider clock, CancellationToken ct)
    {
        var owner = ownerId ?? caller.ActorId;
        if (await handler.CheckOwnerAsync(owner, caller, ct) is { } badOwner) return badOwner.ToProblem();
        var (stream, fileName, problem) = await CsvUpload.BodyAsync(http.Request, ct);
        if (problem is not null) return problem;
        List<ImportRowVerdict<AddLead>>? rows;
        DomainError? error;
        using (var reader = CsvImportFile.Reader(stream!))
        {
            (rows, error) = await CsvImportFile.ParseAsync(reader, ExportOnlyColumns,
                (number, row) => LeadImportRow.Parse(number, row, Guid.CreateVersion7(), owner, createAnyway == true), ImportRowVerdict<AddLead>.Refused);
        }
        if (error is not null) return error.ToProblem();
        var request = CommandRequests.For(http, null);
        var outcome = await handler.ImportAsync(new ImportLeads(Guid.CreateVersion7(), fileName, owner, rows!), caller, request, ct);
        if (outcome.Error is { } refused) return refused.ToProblem();
        var report = LeadImportReport.From((LeadsImported)outcome.Events[0], request.Metadata.ActorId, clock.GetUtcNow());
        return TypedResults.Created($"/api/leads/imports/{report.Id}", report);
    }

    /// <summary>A lead import's report.</summary>
    /// <param name="id">The import's id (from the import's answer).</param>
    private static async Task<Results<Ok<LeadImportReport>, ProblemHttpResult>> GetReport(Guid id, CallerAccess caller, EventStore.EventStore store,
        CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(id, ct: ct);
        // Another stream at that id, or an import neither run by the caller nor for an owner in their scope: the same 404.
        if (events.Count == 0 || events[0].Data is not LeadsImported e
            || (events[0].Metadata.ActorId != caller.ActorId && !caller.VisibleOwners("lead.import").Includes(e.OwnerId)))
            return DomainError.NotFound("import_not_found", $"Import {id} does not exist.").ToProblem();
        return TypedResults.Ok(LeadImportReport.From(e, events[0].Metadata.ActorId, events[0].Timestamp));
    }

    /// <summary>Export the leads in your scope as CSV.</summary>
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(LeadExportRequest? body, HttpContext http, CallerAccess caller,
        LeadQueries queries)
    {
        body ??= new LeadExportRequest(null, null, null);
        var (sort, badSort) = ListInputs.Sort(body.Sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(body.Q);
        if (badQ is not null) return badQ;
        var (filter, badFilter) = ListInputs.Filter(body.Filter, LeadFilterFields.All);
        if (badFilter is not null) return badFilter;
        var request = new LeadListRequest(caller.VisibleOwners("lead.export").ForQuery(), CsvExport.PageSize, null, sort, filter, search);
        // The first page is read before the 200 is sent: whatever the database refuses is still a problem answer.
        var first = await queries.ListAsync(request, http.RequestAborted);
        return TypedResults.Stream(stream => CsvExport.WriteAsync(stream, Columns, (cursor, t) => queries.ListAsync(request with { Cursor = cursor }, t),
            WriteAsync, null, null, http.RequestAborted, first), "text/csv; charset=utf-8", $"leads-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv");
    }

    private static Task WriteAsync(CsvWriter csv, LeadRow l)
    {
        foreach (var cell in new[] { l.Id.ToString(), l.Fields.Name, l.Fields.Company, l.Fields.Phone, l.Fields.Email, l.Fields.Source, l.Fields.Industry,
                     l.Fields.Level, l.Fields.Address, l.Fields.Remark, l.OwnerId?.ToString(), l.ConvertedCustomerId?.ToString(),
                     CsvExport.Time(l.CreatedAt), CsvExport.Time(l.UpdatedAt) })
            csv.WriteField(cell);
        // Async: the response stream refuses synchronous writes when the writer's buffer fills.
        return csv.NextRecordAsync();
    }
}

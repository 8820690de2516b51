using Crm.Events.Imports;
using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections.Contacts;
using Crm.Write;
using Crm.Write.Contacts;
using Crm.Write.Imports;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.DataSync;

/// <summary>
/// POST /api/contacts/import, GET /api/contacts/imports/{id} and POST /api/contacts/export, on the CSV machinery every import shares.
/// </summary>
public static class ContactCsvEndpoints
{
    public static readonly string[] Columns =
        ["id", "customerId", "name", "title", "phone", "email", "address", "remark", "ownerId", "createdAt", "updatedAt"];

    // Columns an export writes that an import does not take (the server owns them); a re-imported export just works.
    private static readonly HashSet<string> ExportOnlyColumns = new(StringComparer.OrdinalIgnoreCase) { "id", "ownerId", "createdAt", "updatedAt" };

    public static void MapContactCsv(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization();
        group.MapPost("/import", Import).WithName("ImportContacts").RequirePermission("contact.import").Accepts<string>("text/csv", "multipart/form-data")
            .WithFilePart("file", "The CSV file; the first file of the form is read, whatever its part's name.").Documented(CsvApiDocs.ImportContacts);
        group.MapGet("/imports/{id}", GetReport).WithName("GetContactImport").RequirePermission("contact.import").Documented(CsvApiDocs.ContactReport);
        group.MapPost("/export", Export).WithName("ExportContacts").RequirePermission("contact.export").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Documented(CsvApiDocs.Export("contacts", Columns));
    }

    /// <summary>Import contacts from a CSV file.</summary>
    private static async Task<Results<Created<ContactImportReport>, ProblemHttpResult>> Import(
        HttpContext http, CallerAccess caller, ContactImportHandler handler, TimeProvider clock, CancellationToken ct)
    {
        var (stream, fileName, problem) = await CsvUpload.BodyAsync(http.Request, ct);
        if (problem is not null) return problem;
        List<ImportRowVerdict<AddContact>>? rows;
        DomainError? error;
        using (var reader = CsvImportFile.Reader(stream!))
        {
            (rows, error) = await CsvImportFile.ParseAsync(reader, ExportOnlyColumns,
                (number, row) => ContactImportRow.Parse(number, row, Guid.CreateVersion7()), ImportRowVerdict<AddContact>.Refused);
        }
        if (error is not null) return error.ToProblem();
        var request = CommandRequests.For(http, null);
        var outcome = await handler.ImportAsync(new ImportContacts(Guid.CreateVersion7(), fileName, rows!), caller, request, ct);
        var report = ContactImportReport.From((ContactsImported)outcome.Events[0], request.Metadata.ActorId, clock.GetUtcNow());
        return TypedResults.Created($"/api/contacts/imports/{report.Id}", report);
    }

    /// <summary>A contact import's report (only to whoever ran it).</summary>
    /// <param name="id">The import's id (from the import's answer).</param>
    private static async Task<Results<Ok<ContactImportReport>, ProblemHttpResult>> GetReport(Guid id, CallerAccess caller, EventStore.EventStore store,
        CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not ContactsImported e || events[0].Metadata.ActorId != caller.ActorId)
            return DomainError.NotFound("import_not_found", $"Import {id} does not exist.").ToProblem();
        return TypedResults.Ok(ContactImportReport.From(e, events[0].Metadata.ActorId, events[0].Timestamp));
    }

    /// <summary>Export the contacts in your scope as CSV.</summary>
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(ContactExportRequest? body, HttpContext http, CallerAccess caller,
        ContactQueries queries)
    {
        body ??= new ContactExportRequest(null, null, null);
        var (sort, badSort) = ListInputs.Sort(body.Sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(body.Q);
        if (badQ is not null) return badQ;
        var (filter, badFilter) = ListInputs.Filter(body.Filter, ContactFilterFields.All);
        if (badFilter is not null) return badFilter;
        var request = new ContactListRequest(caller.VisibleOwners("contact.export").ForQuery(), caller.ActorId, CsvExport.PageSize, null, sort, filter,
            search);
        // The first page is read before the 200 is sent: whatever the database refuses is still a problem answer.
        var first = await queries.ListAsync(request, http.RequestAborted);
        return TypedResults.Stream(stream => CsvExport.WriteAsync(stream, Columns, (cursor, t) => queries.ListAsync(request with { Cursor = cursor }, t),
            WriteAsync, null, null, http.RequestAborted, first), "text/csv; charset=utf-8", $"contacts-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv");
    }

    private static Task WriteAsync(CsvWriter csv, ContactRow c)
    {
        foreach (var cell in new[] { c.Id.ToString(), c.CustomerId.ToString(), c.Fields.Name, c.Fields.Title, c.Fields.Phone, c.Fields.Email,
                     c.Fields.Address, c.Fields.Remark, c.OwnerId.ToString(), CsvExport.Time(c.CreatedAt), CsvExport.Time(c.UpdatedAt) })
            csv.WriteField(cell);
        // Async: the response stream refuses synchronous writes when the writer's buffer fills.
        return csv.NextRecordAsync();
    }
}

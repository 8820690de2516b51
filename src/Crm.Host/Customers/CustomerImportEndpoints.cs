using Crm.Host.Access;
using Crm.Host.Leads;
using Crm.Host.Platform;
using Crm.Events.Imports;
using Crm.Write;
using Crm.Write.Customers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Customers;

/// <summary>POST /api/customers/import and GET /api/customers/imports/{id} (CUS-9).</summary>
public static class CustomerImportEndpoints
{
    public static RouteGroupBuilder MapCustomerImportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization();
        group.MapPost("/import", Import).WithName("ImportCustomers").RequirePermission("customer.import")
            .Accepts<string>("text/csv", "multipart/form-data")
            .WithFilePart("file", "The CSV file; the first file of the form is read, whatever its part's name.").Documented(CustomerImportApiDocs.Import);
        group.MapGet("/imports/{id}", GetReport).WithName("GetCustomerImport").RequirePermission("customer.import").Documented(CustomerImportApiDocs.GetReport);
        return group;
    }

    /// <summary>Import customers from a CSV file.</summary>
    /// <param name="ownerId">Who owns the imported customers (default: you).</param>
    /// <param name="createAnyway">Write rows even when they look like existing records or earlier rows.</param>
    private static async Task<Results<Created<CustomerImportReport>, ProblemHttpResult>> Import(
        Guid? ownerId, bool? createAnyway, HttpContext http, CallerAccess caller, CustomerImportHandler handler, TimeProvider clock, CancellationToken ct)
    {
        var owner = ownerId ?? caller.ActorId;
        // The owner is named before the file is read, as the handler will check it again.
        if (await handler.CheckOwnerAsync(owner, caller, ct) is { } badOwner) return badOwner.ToProblem();
        var (stream, fileName, problem) = await BodyAsync(http.Request, ct);
        if (problem is not null) return problem;
        List<ImportRowResult>? rows;
        DomainError? error;
        using (var reader = CustomerImporter.Reader(stream!))
        {
            (rows, error) = await CustomerImporter.ParseAsync(reader, owner);
        }
        if (error is not null) return error.ToProblem();
        var request = CommandRequests.For(http, null);
        var outcome = await handler.ImportAsync(new ImportCustomers(Guid.CreateVersion7(), fileName, owner, createAnyway == true, rows!), caller, request, ct);
        if (outcome.Error is { } refused) return refused.ToProblem();
        var report = CustomerImportReport.From((CustomersImported)outcome.Events[0], request.Metadata.ActorId, clock.GetUtcNow());
        return TypedResults.Created($"/api/customers/imports/{report.Id}", report);
    }

    /// <summary>An import's report.</summary>
    /// <param name="id">The import's id (from the import's answer).</param>
    private static async Task<Results<Ok<CustomerImportReport>, ProblemHttpResult>> GetReport(
        Guid id, CallerAccess caller, CustomerImporter importer, CancellationToken ct)
    {
        var report = await importer.ReportAsync(id, ct);
        if (report is null || (report.ImportedBy != caller.ActorId && !caller.VisibleOwners("customer.import").Includes(report.OwnerId)))
            return DomainError.NotFound("import_not_found", $"Import {id} does not exist.").ToProblem();
        return TypedResults.Ok(report);
    }

    private static async Task<(Stream? Body, string? FileName, ProblemHttpResult? Problem)> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel's body limit: the same 413 as any other body over it (this exception is an IOException too, so it comes first).
                return (null, null, TooLarge());
            }
            catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
            {
                // A malformed, truncated or oversized multipart body (a missing boundary, a part cut off): the client's fault, not a 500.
                return (null, null, DomainProblems.Invalid("file", "form_invalid", "The multipart form could not be read: " + e.Message));
            }
            var file = form.Files.Count > 0 ? form.Files[0] : null;
            if (file is null) return (null, null, DomainProblems.Invalid("file", "file_required", "Attach the CSV as a file of the multipart form."));
            // The name is stored with the import's record; one PostgreSQL refuses (NUL, however encoded) is refused before anything is written.
            if (!CleanText.IsClean(file.FileName)) return (null, null, DomainProblems.Invalid("file", CleanText.Code, "The file's name: " + CleanText.Message));
            return IsCsvPart(file.ContentType) ? (file.OpenReadStream(), file.FileName, null) : (null, null, NotCsv());
        }
        var type = request.ContentType ?? "";
        if (!type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
            return (null, null, NotCsv());
        return (request.Body, null, null);
    }

    // What browsers and spreadsheets label a .csv file with (Windows says application/vnd.ms-excel); no label is taken too.
    private static bool IsCsvPart(string? type) =>
        string.IsNullOrEmpty(type) || new[] { "text/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream" }
            .Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { ["file"] = ["The upload is larger than the server takes."] })
    {
        Status = StatusCodes.Status413PayloadTooLarge, Title = "The request is too large.",
        Detail = "The upload is larger than the server takes.", Extensions = { ["code"] = "body_too_large" },
    });

    private static ProblemHttpResult NotCsv() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status415UnsupportedMediaType, Title = "The request cannot be processed.",
        Detail = "Send the CSV as text/csv, or as a file in multipart/form-data.", Extensions = { ["code"] = "csv_required" },
    });

}

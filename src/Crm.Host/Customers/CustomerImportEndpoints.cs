using Crm.Host.Access;
using Crm.Host.Leads;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
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
            .WithSummary("Import customers from CSV")
            .WithDescription($$"""
                Send the CSV as the body (Content-Type: text/csv) or as the first file of a multipart/form-data upload. The first row names the columns, in English or Chinese (name/客户名称, level, industry, source, region, address, phone, email, website, remark, tags separated by ';'); the read-only columns of an export (id, ownerId, locked, followUpStatus, createdAt, updatedAt …) are ignored. At most {{CustomerImporter.MaxRows}} rows. Each row is checked on its own: rows that pass are written (in batches, one transaction per batch), rows that fail are not, and the answer reports each failed row with every field at fault (also duplicates of existing customers or open leads — same name, phone or e-mail — and of earlier rows of the file, unless createAnyway=true). ownerId (default: you) must be inside your customer.import scope. The report stays readable at GET /api/customers/imports/{id}.
                """)
            .Accepts<string>("text/csv", "multipart/form-data")
            .WithFilePart("file", "The CSV file; the first file of the form is read, whatever its part's name.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExamples(response: Example.Report, responseStatus: StatusCodes.Status201Created);
        group.MapGet("/imports/{id}", GetReport).WithName("GetCustomerImport").RequirePermission("customer.import")
            .WithSummary("The report of a customer import")
            .WithDescription("Who imported, when, how many rows were read, written and refused, and each refused row's faults. Visible to the importer and to callers whose customer.import scope includes the imported customers' owner.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.Report);
        return group;
    }

    /// <summary>Import customers from a CSV file.</summary>
    /// <param name="ownerId">Who owns the imported customers (default: you).</param>
    /// <param name="createAnyway">Write rows even when they look like existing records or earlier rows.</param>
    private static async Task<Results<Created<CustomerImportReport>, ProblemHttpResult>> Import(
        Guid? ownerId, bool? createAnyway, HttpContext http, CallerAccess caller, CustomerImporter importer, UserQueries users, CancellationToken ct)
    {
        var owner = ownerId ?? caller.ActorId;
        if (owner != caller.ActorId)
        {
            var user = await users.GetAsync(owner, ct);
            if (user is null || user.IsDisabled) return DomainProblems.Invalid("ownerId", "owner_unknown", $"User {owner} does not exist or is disabled.");
            if (!caller.VisibleOwners("customer.import").Includes(owner))
                return DomainError.Unprocessable("ownerId", "owner_out_of_scope", "You can only import customers for users inside your data scope.").ToProblem();
        }
        var (stream, fileName, problem) = await BodyAsync(http.Request, ct);
        if (problem is not null) return problem;
        List<Write.Customers.ImportRowResult>? rows;
        DomainError? error;
        using (var reader = CustomerImporter.Reader(stream!))
        {
            (rows, error) = await CustomerImporter.ParseAsync(reader, owner);
        }
        if (error is not null) return error.ToProblem();
        var importId = Guid.CreateVersion7();
        var report = await importer.ImportAsync(importId, fileName, owner, createAnyway == true, rows!, CommandRequests.For(http, null), ct);
        return TypedResults.Created($"/api/customers/imports/{importId}", report);
    }

    /// <summary>An import's report.</summary>
    /// <param name="id">The import's id (from the import's answer).</param>
    private static async Task<Results<Ok<CustomerImportReport>, ProblemHttpResult>> GetReport(Guid id, CallerAccess caller, CustomerImporter importer, CancellationToken ct)
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

    private static class Example
    {
        public const string Report = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f01","fileName":"customers.csv","ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","importedBy":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","importedAt":"2026-03-01T09:00:00+00:00","totalRows":3,"succeeded":1,"failed":2,
             "failures":[{"row":2,"errors":[{"field":"email","code":"email_invalid","message":"email is not a valid e-mail address."}]},{"row":3,"errors":[{"field":"name","code":"duplicate_in_file","message":"Row 1 of this file has the same name."}]}]}
            """;
    }
}

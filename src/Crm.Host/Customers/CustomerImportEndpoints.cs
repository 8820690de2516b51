using Crm.Host.Access;
using Crm.Host.Leads;
using Crm.Host.Platform;
using Crm.Events.Imports;
using Crm.Write;
using Crm.Write.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

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
        var (stream, fileName, problem) = await CsvUpload.BodyAsync(http.Request, ct);
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
}

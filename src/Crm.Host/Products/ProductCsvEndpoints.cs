using Crm.Events.Imports;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Products;
using Crm.Write;
using Crm.Write.Imports;
using Crm.Write.Products;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Products;

/// <summary>
/// GET /api/products/export, POST /api/products/import and GET /api/products/imports/{id} (SAL-1), on the CSV machinery every
/// import and export shares.
/// </summary>
public static class ProductCsvEndpoints
{
    public static readonly string[] Columns =
        ["id", "code", "name", "categoryId", "unit", "price", "currency", "description", "custom", "onShelf", "createdAt", "updatedAt"];

    // Columns an export writes that an import does not take (the server owns them); a re-imported export just works.
    private static readonly HashSet<string> ExportOnlyColumns = new(StringComparer.OrdinalIgnoreCase) { "id", "createdAt", "updatedAt" };

    public static RouteGroupBuilder MapProductCsvApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/products").WithTags("Products").RequireAuthorization();
        group.MapGet("/export", Export).WithName("ExportProducts").RequirePermission("product.export").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Documented(ProductApiDocs.Export);
        group.MapPost("/import", Import).WithName("ImportProducts").RequirePermission("product.import").Accepts<string>("text/csv", "multipart/form-data")
            .WithFilePart("file", "The CSV file; the first file of the form is read, whatever its part's name.").Documented(ProductApiDocs.Import);
        group.MapGet("/imports/{id}", GetReport).WithName("GetProductImport").RequirePermission("product.import").Documented(ProductApiDocs.GetImportReport);
        return group;
    }

    /// <summary>Export products as CSV.</summary>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside name and code.</param>
    /// <param name="category">Only products in this category or any of its sub-categories.</param>
    /// <param name="onShelf">Only products on shelf (true) or off shelf (false).</param>
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(
        string? sort, string? q, Guid? category, bool? onShelf, HttpContext http, ProductQueries queries)
    {
        var (request, bad) = ProductEndpoints.ListRequest(null, sort, q, category, onShelf);
        if (bad is not null) return bad;
        request = request! with { Limit = CsvExport.PageSize };
        // The first page is read before the 200 is sent: whatever the database refuses is still a problem answer.
        var first = await queries.ListAsync(request, http.RequestAborted);
        var fileName = $"products-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv";
        return TypedResults.Stream(stream => CsvExport.WriteAsync(stream, Columns, (cursor, t) => queries.ListAsync(request with { Cursor = cursor }, t),
            WriteAsync, null, null, http.RequestAborted, first), "text/csv; charset=utf-8", fileName);
    }

    private static Task WriteAsync(CsvWriter csv, ProductRow p)
    {
        csv.WriteField(p.Id.ToString());
        csv.WriteField(p.Fields.Code);
        csv.WriteField(p.Fields.Name);
        csv.WriteField(p.Fields.CategoryId?.ToString());
        csv.WriteField(p.Fields.Unit);
        csv.WriteField(p.Fields.Price.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        csv.WriteField(p.Fields.Price.Currency);
        csv.WriteField(p.Fields.Description);
        csv.WriteField(Events.ProductFieldText.Custom(p.Fields.Custom));
        csv.WriteField(p.OnShelf ? "true" : "false");
        csv.WriteField(CsvExport.Time(p.CreatedAt));
        csv.WriteField(CsvExport.Time(p.UpdatedAt));
        // Async: the response stream refuses synchronous writes when the writer's buffer fills.
        return csv.NextRecordAsync();
    }

    /// <summary>Import products from a CSV file.</summary>
    private static async Task<Results<Ok<ProductImportReport>, ProblemHttpResult>> Import(
        HttpContext http, CallerAccess caller, ProductImportHandler handler, TimeProvider clock, CancellationToken ct)
    {
        var (stream, fileName, problem) = await CsvUpload.BodyAsync(http.Request, ct);
        if (problem is not null) return problem;
        List<ImportRowVerdict<NewProduct>>? rows;
        DomainError? error;
        using (var reader = CsvImportFile.Reader(stream!))
        {
            (rows, error) = await CsvImportFile.ParseAsync(reader, ExportOnlyColumns,
                (number, row) => ProductImportRow.Parse(number, row, Guid.CreateVersion7()), ImportRowVerdict<NewProduct>.Refused);
        }
        if (error is not null) return error.ToProblem();
        var request = CommandRequests.For(http, null);
        var done = await handler.ImportAsync(new ImportProducts(Guid.CreateVersion7(), fileName, rows!), caller, request, ct);
        return TypedResults.Ok(ProductImportReport.From(done, request.Metadata.ActorId, clock.GetUtcNow()));
    }

    /// <summary>A product import's report, as recorded when it finished.</summary>
    /// <param name="id">The import's id (from the import's answer).</param>
    private static async Task<Results<Ok<ProductImportReport>, ProblemHttpResult>> GetReport(Guid id, EventStore.EventStore store, CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(id, ct: ct);
        // Any other stream at that id (a customer import, a product) is no product import: the same 404.
        return events.Count > 0 && events[0].Data is ProductsImported e
            ? TypedResults.Ok(ProductImportReport.From(e, events[0].Metadata.ActorId, events[0].Timestamp))
            : DomainError.NotFound("import_not_found", $"Import {id} does not exist.").ToProblem();
    }
}

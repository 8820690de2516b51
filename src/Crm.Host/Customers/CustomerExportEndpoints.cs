using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Customers;
using CsvHelper;
using CsvHelper.Configuration;
using Crm.Write.Classification;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Customers;

/// <summary>POST /api/customers/export (CUS-9): the whole filtered list as CSV, streamed.</summary>
public static class CustomerExportEndpoints
{
    /// <summary>Rows fetched per keyset page while streaming: big enough to amortise the query, small enough to start at once.</summary>
    public const int PageSize = CsvExport.PageSize;

    public static readonly string[] Columns =
        ["id", "name", "level", "industry", "source", "region", "address", "phone", "email", "website", "remark", "tags", "ownerId", "locked",
            "followUpStatus", "createdAt", "updatedAt", "custom"];

    public static RouteGroupBuilder MapCustomerExportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization();
        group.MapPost("/export", Export).WithName("ExportCustomers").RequirePermission("customer.export")
            .WithSummary("Export the customers in your scope as CSV")
            .WithDescription("Every customer matching the (optional) filter tree, sort and q of POST /api/customers/search, within your " +
                "customer.export scope (plus customers whose team you are on), streamed as UTF-8 CSV with a header row: " +
                             string.Join(", ", Columns) + ". Tags are joined with ';'. The file re-imports as is: POST /api/customers/import ignores " +
                                 "the read-only columns.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .WithExamples("""{"filter":{"and":[{"field":"level","op":"eq","value":"A"}]},"sort":"name"}""");
        return group;
    }

    /// <summary>Export customers as CSV.</summary>
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(
        CustomerExportRequest? body, HttpContext http, CallerAccess caller, CustomerQueries queries)
    {
        body ??= new CustomerExportRequest(null, null, null);
        var (sort, badSort) = ListInputs.Sort(body.Sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(body.Q);
        if (badQ is not null) return badQ;
        var fields = await queries.FilterFieldsAsync(ClassFacts.VisibleTo(caller), http.RequestAborted);
        var (filter, badFilter) = ListInputs.Filter(body.Filter, fields);
        if (badFilter is not null) return badFilter;
        var scope = caller.VisibleOwners("customer.export").ForQuery();
        var fileName = $"customers-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv";
        var request = new CustomerListRequest(scope, caller.ActorId, PageSize, null, sort, filter, search);
        // The first page is read before the 200 is sent: whatever the database refuses is still a problem
        // answer, not a file that stops after its header.
        var first = await queries.ListAsync(request, http.RequestAborted);
        return TypedResults.Stream(stream => WriteAsync(stream, queries, request, null, http.RequestAborted, first), "text/csv; charset=utf-8", fileName);
    }

    /// <summary>How every export writes its cells (<see cref="CsvExport.Options"/>): formula-like cells are escaped.</summary>
    public static CsvConfiguration CsvOptions => CsvExport.Options;

    /// <summary>
    /// Writes the list <paramref name="request"/> describes as CSV, keyset page by keyset page (so memory
    /// stays flat however many rows match); at most <paramref name="maxRows"/> when given. Answers the rows written.
    /// </summary>
    public static async Task<long> WriteAsync(
        Stream stream, CustomerQueries queries, CustomerListRequest request, long? maxRows, CancellationToken ct, Page<CustomerRow>? firstPage = null) =>
        await CsvExport.WriteAsync(stream, Columns,
            async (cursor, t) => await WithDealsAsync(queries, await queries.ListAsync(request with { Cursor = cursor, Limit = PageSize }, t), t), WriteAsync,
            request.Cursor, maxRows, ct, firstPage is null ? null : await WithDealsAsync(queries, firstPage, ct));

    /// <summary>The page's rows with the follow-up status the API shows (closed_deal for customers with a deal): one deal probe per page.</summary>
    private static async Task<Page<CustomerRow>> WithDealsAsync(CustomerQueries queries, Page<CustomerRow> page, CancellationToken ct)
    {
        var deals = await queries.LastDealsAsync(page.Items.Select(r => r.Id).ToList(), ct);
        return page with { Items = page.Items.Select(r => r with { FollowUpStatus = r.FollowUpStatusShown(deals.ContainsKey(r.Id)) }).ToList() };
    }

    private static Task WriteAsync(CsvWriter csv, CustomerRow c)
    {
        csv.WriteField(c.Id.ToString());
        csv.WriteField(c.Fields.Name);
        csv.WriteField(c.Fields.Level);
        csv.WriteField(c.Fields.Industry);
        csv.WriteField(c.Fields.Source);
        csv.WriteField(c.Fields.Region);
        csv.WriteField(c.Fields.Address);
        csv.WriteField(c.Fields.Phone);
        csv.WriteField(c.Fields.Email);
        csv.WriteField(c.Fields.Website);
        csv.WriteField(c.Fields.Remark);
        csv.WriteField(c.Fields.Tags is { Count: > 0 } tags ? string.Join(';', tags) : null);
        csv.WriteField(c.OwnerId?.ToString());
        csv.WriteField(c.Locked ? "true" : "false");
        csv.WriteField(c.FollowUpStatus);
        csv.WriteField(CsvExport.Time(c.CreatedAt));
        csv.WriteField(CsvExport.Time(c.UpdatedAt));
        // Custom values (SET-1) as one JSON object keyed by field key; the import reads the same column back.
        csv.WriteField(Events.CustomJson.Canonical(c.Fields.Custom) ?? "{}");
        // Async: the response stream refuses synchronous writes when the writer's buffer fills.
        return csv.NextRecordAsync();
    }
}

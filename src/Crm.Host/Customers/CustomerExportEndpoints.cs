using System.Globalization;
using System.Text;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Customers;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Customers;

/// <summary>POST /api/customers/export (CUS-9): the whole filtered list as CSV, streamed.</summary>
public static class CustomerExportEndpoints
{
    /// <summary>Rows fetched per keyset page while streaming: big enough to amortise the query, small enough to start at once.</summary>
    public const int PageSize = 2_000;

    public static readonly string[] Columns =
        ["id", "name", "level", "industry", "source", "region", "address", "phone", "email", "website", "remark", "tags", "ownerId", "locked",
            "followUpStatus", "createdAt", "updatedAt"];

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
        var (filter, badFilter) = ListInputs.Filter(body.Filter, CustomerFilterFields.All);
        if (badFilter is not null) return badFilter;
        var scope = caller.VisibleOwners("customer.export").ForQuery();
        var fileName = $"customers-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv";
        var request = new CustomerListRequest(scope, caller.ActorId, PageSize, null, sort, filter, search);
        // The first page is read before the 200 is sent: whatever the database refuses is still a problem
        // answer, not a file that stops after its header.
        var first = await queries.ListAsync(request, http.RequestAborted);
        return TypedResults.Stream(stream => WriteAsync(stream, queries, request, null, http.RequestAborted, first), "text/csv; charset=utf-8", fileName);
    }

    /// <summary>
    /// How every export writes its cells: a cell that starts with =, +, -, @, tab or CR is prefixed with ' and quoted,
    /// so a spreadsheet shows it as text instead of running it as a formula (OWASP CSV injection).
    /// </summary>
    public static CsvConfiguration CsvOptions { get; } = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        ShouldQuote = args => ConfigurationFunctions.ShouldQuote(args) || args.Field is ['\'', ..] || args.Field is [var first, ..] && IsFormulaStart(first),
    };

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// Writes the list <paramref name="request"/> describes as CSV, keyset page by keyset page (so memory
    /// stays flat however many rows match); at most <paramref name="maxRows"/> when given. Answers the rows written.
    /// </summary>
    public static async Task<long> WriteAsync(
        Stream stream, CustomerQueries queries, CustomerListRequest request, long? maxRows, CancellationToken ct, Page<CustomerRow>? firstPage = null)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CsvOptions);
        foreach (var column in Columns) csv.WriteField(column);
        await csv.NextRecordAsync();
        var written = 0L;
        var cursor = request.Cursor;
        do
        {
            var page = firstPage ?? await queries.ListAsync(request with { Cursor = cursor, Limit = PageSize }, ct);
            firstPage = null;
            foreach (var c in page.Items)
            {
                if (written == maxRows) return written;
                await WriteAsync(csv, c);
                written++;
            }
            await csv.FlushAsync();
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return written;
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
        csv.WriteField(c.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        csv.WriteField(c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        // Async: the response stream refuses synchronous writes when the writer's buffer fills.
        return csv.NextRecordAsync();
    }
}

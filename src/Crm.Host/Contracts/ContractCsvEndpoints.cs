using System.Globalization;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Contracts;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Contracts;

/// <summary>GET /api/contracts/export (SAL-3): the filtered list as CSV, streamed on the machinery every export shares.</summary>
public static class ContractCsvEndpoints
{
    public static readonly string[] Columns =
    [
        "id", "number", "customerId", "opportunityId", "name", "signedOn", "startsOn", "endsOn", "signatoryContactId", "amount", "currency", "status",
        "approvedAt", "voidedAt", "voidReason", "ownerId", "remark", "createdAt", "updatedAt",
    ];

    public static RouteGroupBuilder MapContractCsvApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization();
        group.MapGet("/export", Export).WithName("ExportContracts").RequirePermission("contract.export").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Documented(ContractApiDocs.Export);
        return group;
    }

    /// <summary>Export contracts as CSV.</summary>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside the number and the name.</param>
    /// <param name="customerId">Only this customer's contracts.</param>
    /// <param name="status">draft, pending, approved, rejected or voided.</param>
    /// <param name="ownerId">Only contracts of this owner (still within your scope).</param>
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(string? sort, string? q, Guid? customerId, string? status,
        Guid? ownerId, [AsParameters] ContractServices s)
    {
        var (filter, badFilter) = ContractEndpoints.Filters(customerId, status, ownerId);
        if (badFilter is not null) return badFilter;
        var (request, bad) = await ContractEndpoints.RequestAsync(filter, null, null, sort, q, "contract.export", s);
        if (bad is not null) return bad;
        request = request! with { Limit = CsvExport.PageSize };
        // The first page is read before the 200 is sent: whatever the database refuses is still a problem answer.
        var first = await s.Contracts.ListAsync(request, s.Ct);
        var fileName = $"contracts-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv";
        var contracts = s.Contracts;
        return TypedResults.Stream(stream => CsvExport.WriteAsync(stream, Columns, (cursor, t) => contracts.ListAsync(request with { Cursor = cursor }, t),
            WriteAsync, null, null, s.Http.RequestAborted, first), "text/csv; charset=utf-8", fileName);
    }

    private static Task WriteAsync(CsvWriter csv, ContractRow k)
    {
        csv.WriteField(k.Id.ToString());
        csv.WriteField(k.Number);
        csv.WriteField(k.CustomerId.ToString());
        csv.WriteField(k.OpportunityId?.ToString());
        csv.WriteField(k.Fields.Name);
        csv.WriteField(Date(k.Fields.SignedOn));
        csv.WriteField(Date(k.Fields.StartsOn));
        csv.WriteField(Date(k.Fields.EndsOn));
        csv.WriteField(k.Fields.SignatoryContactId?.ToString());
        csv.WriteField(k.Amount.Amount.ToString("0.00", CultureInfo.InvariantCulture));
        csv.WriteField(k.Amount.Currency);
        csv.WriteField(k.Status);
        csv.WriteField(k.ApprovedAt is { } approved ? CsvExport.Time(approved) : null);
        csv.WriteField(k.VoidedAt is { } voided ? CsvExport.Time(voided) : null);
        csv.WriteField(k.VoidReason);
        csv.WriteField(k.OwnerId.ToString());
        csv.WriteField(k.Fields.Remark);
        csv.WriteField(CsvExport.Time(k.CreatedAt));
        csv.WriteField(CsvExport.Time(k.UpdatedAt));
        // Async: the response stream refuses synchronous writes when the writer's buffer fills.
        return csv.NextRecordAsync();
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Payments;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Payments;

// GET /api/payments/export: the filtered list as CSV, streamed keyset page by keyset page.
public static partial class PaymentEndpoints
{
    public static readonly string[] ExportColumns =
        ["id", "contractId", "customerId", "ownerId", "amount", "currency", "receivedOn", "planId", "method", "remark", "status", "approvedAt", "createdAt",
            "updatedAt"];

    /// <summary>Export the payments in your data scope as CSV.</summary>
    /// <param name="sort">updatedAt or createdAt; "-" prefix for descending.</param>
    /// <param name="q">Free text inside the method or the remark.</param>
    /// <param name="contractId">Only this contract's payments.</param>
    /// <param name="customerId">Only this customer's payments.</param>
    /// <param name="status">draft, pending, approved or rejected.</param>
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(string? sort, string? q, Guid? contractId, Guid? customerId,
        string? status, [AsParameters] PaymentServices s)
    {
        if (BadStatus(status) is { } badStatus) return badStatus;
        var filter = Conditions(("contractId", contractId), ("customerId", customerId), ("status", status));
        var (request, bad) = Request(filter, sort, q, s.Caller.VisibleOwners("payment.export").ForQuery(), s.Caller.ActorId,
            CsvExport.PageSize, null);
        if (bad is not null) return bad;
        // The first page is read before the 200 is sent: whatever the database refuses is still a problem answer.
        var first = await s.Payments.ListAsync(request!, s.Ct);
        var queries = s.Payments;
        var ct = s.Ct;
        return TypedResults.Stream(stream => CsvExport.WriteAsync(stream, ExportColumns, (cursor, t) => queries.ListAsync(request! with { Cursor = cursor }, t),
            WriteAsync, null, null, ct, first), "text/csv; charset=utf-8", $"payments-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv");
    }

    private static Task WriteAsync(CsvWriter csv, PaymentRow p)
    {
        csv.WriteField(p.Id.ToString());
        csv.WriteField(p.ContractId.ToString());
        csv.WriteField(p.CustomerId.ToString());
        csv.WriteField(p.OwnerId.ToString());
        csv.WriteField(p.Fields.Amount.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        csv.WriteField(p.Fields.Amount.Currency);
        csv.WriteField(p.Fields.ReceivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        csv.WriteField(p.Fields.PlanId?.ToString());
        csv.WriteField(p.Fields.Method);
        csv.WriteField(p.Fields.Remark);
        csv.WriteField(p.Status);
        csv.WriteField(p.ApprovedAt is { } at ? CsvExport.Time(at) : null);
        csv.WriteField(CsvExport.Time(p.CreatedAt));
        csv.WriteField(CsvExport.Time(p.UpdatedAt));
        // Async: the response stream refuses synchronous writes when the writer's buffer fills.
        return csv.NextRecordAsync();
    }
}

using System.Text.Json;
using Crm.Events;
using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections.Payments;
using Crm.Write.Access;
using Crm.Write.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Payments;

/// <summary>
/// /api/payments (SAL-6). Each endpoint parses, calls the payment handler (writes, in the .Writes file) or the queries after the access
/// policy (reads, here), and maps the answer; the rules live in Crm.Write. A payment is reached through its contract's owner and team.
/// </summary>
public static partial class PaymentEndpoints
{
    public static RouteGroupBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/payments").WithTags("Payments").RequireAuthorization();
        group.MapGet("/", List).WithName("ListPayments").RequirePermission("payment.list").Documented(PaymentApiDocs.List);
        group.MapPost("/search", Search).WithName("SearchPayments").RequirePermission("payment.list").Documented(PaymentApiDocs.Search);
        group.MapGet("/export", Export).WithName("ExportPayments").RequirePermission("payment.export").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Documented(PaymentApiDocs.Export);
        group.MapGet("/{id}", Get).WithName("GetPayment").RequirePermission("payment.detail").Documented(PaymentApiDocs.Get);
        group.MapGet("/{id}/history", History).WithName("GetPaymentHistory").RequirePermission("payment.detail").Documented(PaymentApiDocs.History);
        app.MapGet("/api/customers/{id}/payments", OfCustomer).WithTags("Payments").RequireAuthorization().WithName("ListCustomerPayments")
            .RequirePermission("payment.list").Documented(PaymentApiDocs.OfCustomer);
        MapWrites(group);
        return group;
    }

    /// <summary>List payments in your data scope.</summary>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt or createdAt; "-" prefix for descending.</param>
    /// <param name="q">Free text inside the method or the remark.</param>
    /// <param name="includeTotal">Also count all matching payments (slower).</param>
    /// <param name="contractId">Only this contract's payments; the answer then carries the contract's receivable.</param>
    /// <param name="customerId">Only this customer's payments.</param>
    /// <param name="status">draft, pending, approved or rejected.</param>
    private static async Task<Results<Ok<PaymentListResponse>, ProblemHttpResult>> List(int? limit, string? cursor, string? sort, string? q,
        bool? includeTotal, Guid? contractId, Guid? customerId, string? status, [AsParameters] PaymentServices s)
    {
        if (BadStatus(status) is { } badStatus) return badStatus;
        var filter = Conditions(("contractId", contractId), ("customerId", customerId), ("status", status));
        var listed = await ListAsync(filter, limit, cursor, sort, q, includeTotal ?? false, s);
        if (contractId is not { } contract || listed.Result is not Ok<PaymentListResponse> ok) return listed;
        // The receivable only when the caller reaches the contract itself: a hidden contract's figures never leak through the list.
        var (receivable, _) = await ReceivableEndpoints.OfContractAsync(contract, s);
        return TypedResults.Ok(ok.Value! with { Receivable = receivable });
    }

    /// <summary>Search payments with a filter tree.</summary>
    private static async Task<Results<Ok<PaymentListResponse>, ProblemHttpResult>> Search(PaymentSearchRequest body, [AsParameters] PaymentServices s) =>
        await ListAsync(body.Filter, body.Limit, body.Cursor, body.Sort, body.Q, body.IncludeTotal, s);

    internal static async Task<Results<Ok<PaymentListResponse>, ProblemHttpResult>> ListAsync(JsonElement? filterJson, int? limit, string? cursor,
        string? sort, string? q, bool includeTotal, PaymentServices s, string pageSetting = Write.Settings.SystemSettings.ListPageSize)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct, pageSetting);
        if (bad is not null) return bad;
        var (request, badInput) = Request(filterJson, sort, q, s.Caller.VisibleOwners("payment.list").ForQuery(), s.Caller.ActorId, size, cursor);
        if (badInput is not null) return badInput;
        var page = await s.Payments.ListAsync(request!, s.Ct);
        long? total = includeTotal ? await s.Payments.CountAsync(request!, s.Ct) : null;
        return TypedResults.Ok(new PaymentListResponse(page.Items.Select(PaymentResponse.From).ToList(), page.NextCursor, total));
    }

    /// <summary>The list request from its inputs, or the problem naming the one at fault.</summary>
    internal static (PaymentListRequest? Request, ProblemHttpResult? Problem) Request(JsonElement? filterJson, string? sort, string? q,
        Projections.OwnerScope scope, Guid viewerId, int size, string? cursor)
    {
        // A payment has no name to sort by.
        if (sort?.TrimStart('-') == "name")
            return (null, DomainProblems.Invalid("sort", "sort_invalid", "sort is updatedAt or createdAt, '-' for descending."));
        var (order, badSort) = ListInputs.Sort(sort);
        if (badSort is not null) return (null, badSort);
        var (search, badQ) = ListInputs.Q(q);
        if (badQ is not null) return (null, badQ);
        var (filter, badFilter) = ListInputs.Filter(filterJson, PaymentFilterFields.All);
        if (badFilter is not null) return (null, badFilter);
        return (new PaymentListRequest(scope, viewerId, size, cursor, order, filter, search), null);
    }

    internal static ProblemHttpResult? BadStatus(string? status) =>
        status is null or ApprovalStatus.Draft or ApprovalStatus.Pending or ApprovalStatus.Approved or ApprovalStatus.Rejected ? null
            : DomainProblems.Invalid("status", "status_invalid", "status is draft, pending, approved or rejected.");

    // The list's query parameters as one filter tree ("and" of equalities), parsed and checked like a search's.
    internal static JsonElement? Conditions(params (string Field, object? Value)[] conditions)
    {
        var given = conditions.Where(c => c.Value is not null).Select(c => new { field = c.Field, op = "eq", value = c.Value }).ToList();
        return given.Count == 0 ? null : JsonSerializer.SerializeToElement(new { and = given }, JsonSerializerOptions.Web);
    }

    /// <summary>Read a payment, now or as it was (time travel).</summary>
    /// <param name="id">The payment's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as recorded).</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> Get(Guid id, long? version, DateTimeOffset? asOf,
        [AsParameters] PaymentServices s)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var (row, refusal) = await s.Reach.CheckAsync(id, s.Caller, "payment.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        if (version is null && asOf is null)
        {
            s.Http.Response.SetETag(row!.Version);
            return TypedResults.Ok(PaymentResponse.From(row));
        }
        var then = await s.Payments.GetAsOfAsync(id, version, asOf, s.Ct);
        if (then is null) return RecordAccess.NotFound(PaymentReach.Kind, id).ToProblem();
        s.Http.Response.SetETag(then.Version);
        return TypedResults.Ok(PaymentResponse.From(then));
    }

    /// <summary>A payment's operation log.</summary>
    /// <param name="id">The payment's id.</param>
    private static async Task<Results<Ok<PaymentHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] PaymentServices s)
    {
        var (_, refusal) = await s.Reach.CheckAsync(id, s.Caller, "payment.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new PaymentHistoryResponse(id, PaymentHistory.Of(events)));
    }

    /// <summary>A customer's payments (the customer must be visible to you), newest change first.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="limit">Page size; default and cap: the relatedListPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<PaymentListResponse>, ProblemHttpResult>> OfCustomer(Guid id, int? limit, string? cursor,
        [AsParameters] PaymentServices s)
    {
        var (_, hidden) = await s.Customers.CheckAsync(id, s.Caller, "customer.detail", TeamNeed.Read, s.Ct);
        if (hidden is not null) return hidden.ToProblem();
        var listed = await ListAsync(Conditions(("customerId", id)), limit, cursor, null, null, false, s, Write.Settings.SystemSettings.RelatedListPageSize);
        if (cursor is not null || listed.Result is not Ok<PaymentListResponse> ok) return listed;
        var sums = await s.Receivables.OfCustomerAsync(id, s.Caller.VisibleOwners("payment.list").ForQuery(), s.Caller.ActorId, s.Today, s.Ct);
        return TypedResults.Ok(ok.Value! with { CustomerReceivables = sums.Select(CustomerReceivableResponse.From).ToList() });
    }
}

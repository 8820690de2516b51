using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections.Invoices;
using Crm.Write.Invoices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Invoices;

/// <summary>
/// /api/invoices (SAL-7). Each endpoint parses, calls the invoice handler (writes, in the .Writes file) or the queries after the
/// access policy (reads, here), and maps the answer; the rules live in Crm.Write.
/// </summary>
public static partial class InvoiceEndpoints
{
    public static RouteGroupBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/invoices").WithTags("Invoices").RequireAuthorization();
        group.MapGet("/", List).WithName("ListInvoices").RequirePermission("invoice.list").Documented(InvoiceApiDocs.List);
        group.MapGet("/{id}", Get).WithName("GetInvoice").RequirePermission("invoice.detail").Documented(InvoiceApiDocs.Get);
        group.MapGet("/{id}/history", History).WithName("GetInvoiceHistory").RequirePermission("invoice.detail").Documented(InvoiceApiDocs.History);
        MapWrites(group);
        return group;
    }

    /// <summary>List invoices in the caller's data scope, newest first.</summary>
    /// <param name="contractId">Only this contract's invoices.</param>
    /// <param name="status">draft, pending, approved, rejected or issued.</param>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<InvoiceListResponse>, ProblemHttpResult>> List(Guid? contractId, string? status, int? limit, string? cursor,
        [AsParameters] InvoiceServices s)
    {
        if (status is not null && !InvoiceStatus.All.Contains(status))
            return DomainProblems.Invalid("status", "status_invalid", $"status is one of {string.Join(", ", InvoiceStatus.All)}.");
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct);
        if (bad is not null) return bad;
        var request = new InvoiceListRequest(s.Caller.VisibleOwners("invoice.list").ForSql(), contractId, status, size, cursor);
        var page = await s.Invoices.ListAsync(request, s.Ct);
        return TypedResults.Ok(new InvoiceListResponse(page.Items.Select(InvoiceResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>Read an invoice, now or as it was at a version.</summary>
    /// <param name="id">The invoice's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as requested).</param>
    private static async Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> Get(Guid id, long? version, [AsParameters] InvoiceServices s)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var (row, refusal) = await ReachAsync(id, "invoice.detail", s);
        if (refusal is not null) return refusal.ToProblem();
        var shown = version is null ? row : await s.Invoices.GetAsOfAsync(id, version, null, s.Ct);
        if (shown is null) return Invoice.NotFound(id).ToProblem();
        s.Http.Response.SetETag(shown.Version);
        return TypedResults.Ok(InvoiceResponse.From(shown));
    }

    /// <summary>An invoice's operation log: request, edits, approval steps' outcomes and the issue, with their actors.</summary>
    /// <param name="id">The invoice's id.</param>
    private static async Task<Results<Ok<InvoiceHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] InvoiceServices s)
    {
        var (_, refusal) = await ReachAsync(id, "invoice.detail", s);
        if (refusal is not null) return refusal.ToProblem();
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new InvoiceHistoryResponse(id, InvoiceHistory.Of(events)));
    }

    /// <summary>The invoice's row when the caller reaches it for <paramref name="permission"/>; else 404 invoice_not_found.</summary>
    private static async Task<(InvoiceRow? Row, Write.DomainError? Refusal)> ReachAsync(Guid id, string permission, InvoiceServices s)
    {
        var row = await s.Invoices.GetAsync(id, s.Ct);
        var refusal = InvoiceReach.Check(id, row is not null, row?.OwnerId ?? Guid.Empty, row?.RequestedBy ?? Guid.Empty, s.Caller, permission);
        return refusal is null ? (row, null) : (null, refusal);
    }
}

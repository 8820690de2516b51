using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Payments;

/// <summary>
/// Receivables (SAL-6): /api/receivables (+ /aging), a contract's receivable and the instalments due for a reminder. They read the async
/// receivables projection, scoped by payment.list (payment-plan.list for the due instalments) over the contract's owner; "today" is UTC.
/// </summary>
public static class ReceivableEndpoints
{
    public const int MaxDueDays = 366;

    public static void MapReceivablesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/receivables").WithTags("Receivables").RequireAuthorization();
        group.MapGet("/", List).WithName("ListReceivables").RequirePermission("payment.list").Documented(ReceivableApiDocs.List);
        group.MapGet("/aging", Aging).WithName("GetReceivablesAging").RequirePermission("payment.list").Documented(ReceivableApiDocs.Aging);
        app.MapGet("/api/contracts/{id}/receivable", OfContract).WithTags("Receivables").RequireAuthorization().WithName("GetContractReceivable")
            .RequirePermission("payment.list").Documented(ReceivableApiDocs.OfContract);
        app.MapGet("/api/payment-plans/due", Due).WithTags("Receivables").RequireAuthorization().WithName("ListDuePaymentPlans")
            .RequirePermission("payment-plan.list").Documented(ReceivableApiDocs.Due);
    }

    /// <summary>Receivables of approved contracts in your data scope or on whose team you are, newest contract first.</summary>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="customerId">Only this customer's contracts.</param>
    /// <param name="ownerId">Only contracts of this owner (still within your scope).</param>
    /// <param name="overdue">true: only contracts with an instalment planned before today and not fully paid.</param>
    private static async Task<Results<Ok<ReceivableListResponse>, ProblemHttpResult>> List(int? limit, string? cursor, Guid? customerId, Guid? ownerId,
        bool? overdue, [AsParameters] PaymentServices s)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct);
        if (bad is not null) return bad;
        var request = new Projections.Payments.ReceivableListRequest(s.Caller.VisibleOwners("payment.list").ForQuery(), s.Caller.ActorId, s.Today, size,
            cursor, customerId, ownerId, overdue ?? false);
        var page = await s.Receivables.ListAsync(request, s.Ct);
        return TypedResults.Ok(new ReceivableListResponse(page.Items.Select(r => ReceivableResponse.From(r)).ToList(), page.NextCursor));
    }

    /// <summary>Aging of the receivables in your data scope: unpaid instalments by days overdue, per currency.</summary>
    private static async Task<Ok<AgingResponse>> Aging([AsParameters] PaymentServices s)
    {
        var today = s.Today;
        var buckets = await s.Receivables.AgingAsync(s.Caller.VisibleOwners("payment.list").ForQuery(), s.Caller.ActorId, today, s.Ct);
        return TypedResults.Ok(new AgingResponse(today, buckets.Select(AgingBucketResponse.From).ToList()));
    }

    /// <summary>A contract's receivable with its instalments.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<Ok<ReceivableResponse>, ProblemHttpResult>> OfContract(Guid id, [AsParameters] PaymentServices s)
    {
        var (receivable, refusal) = await OfContractAsync(id, s, withPlans: true);
        if (refusal is not null) return refusal.ToProblem();
        if (receivable is null)
        {
            return DomainError.NotFound("receivable_not_ready",
                $"Contract {id}'s receivable is not computed yet (it follows the contract within a few seconds): try again shortly.").ToProblem();
        }
        return TypedResults.Ok(receivable);
    }

    /// <summary>The contract's receivable when the caller reaches the contract for payment.list; null when it is not computed yet.</summary>
    internal static async Task<(ReceivableResponse? Receivable, DomainError? Refusal)> OfContractAsync(Guid id, PaymentServices s, bool withPlans = false)
    {
        var contract = await s.Reach.ContractAsync(id, s.Ct);
        if (ContractReach.Check(id, contract, s.Caller, "payment.list", TeamNeed.Read) is { } hidden) return (null, hidden);
        if (contract.Status == Events.ApprovalStatus.Voided)
            return (null, DomainError.Conflict("contract_voided", "The contract is voided: nothing is receivable on it any more."));
        var today = s.Today;
        var row = await s.Receivables.GetAsync(id, today, s.Ct);
        if (row is null) return (null, null);
        return (ReceivableResponse.From(row, withPlans ? await s.Receivables.PlansAsync(id, s.Ct) : null, today), null);
    }

    /// <summary>Instalments due for a reminder, not fully paid, in your data scope.</summary>
    /// <param name="days">Instead of each plan's own reminder day: every unpaid instalment planned within this many days (0–366; overdue included).</param>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<DuePlanListResponse>, ProblemHttpResult>> Due(int? days, int? limit, string? cursor,
        [AsParameters] PaymentServices s)
    {
        if (days is < 0 or > MaxDueDays) return DomainProblems.Invalid("days", "days_out_of_range", $"days is 0 to {MaxDueDays}.");
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct);
        if (bad is not null) return bad;
        var today = s.Today;
        var page = await s.Receivables.DueAsync(s.Caller.VisibleOwners("payment-plan.list").ForQuery(), s.Caller.ActorId, today, days, size, cursor, s.Ct);
        return TypedResults.Ok(new DuePlanListResponse(today, page.Items.Select(DuePlanResponse.From).ToList(), page.NextCursor));
    }
}

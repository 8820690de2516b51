using System.Text.Json;
using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Projections.Payments;
using Crm.Write.Payments;

namespace Crm.Host.Payments;

/// <summary>A payment received against a contract (SAL-6), recorded as a draft; it counts as received once approved.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="ContractId">An approved contract you reach for payment.create (else 404 contract_not_found).</param>
/// <param name="Amount">More than 0, at most 2 decimal places, at most the contract's amount.</param>
/// <param name="Currency">ISO 4217; default and only accepted value: the contract's currency.</param>
/// <param name="ReceivedOn">yyyy-MM-dd; today (UTC) or earlier.</param>
/// <param name="PlanId">An instalment of the contract's payment plan, or absent.</param>
/// <param name="Method">How it was paid (bank transfer, cash...), up to 50 characters.</param>
/// <param name="Remark">Up to 2000 characters.</param>
public sealed record CreatePaymentRequest(
    Guid? Id, [property: MustSend] Guid? ContractId, [property: MustSend] decimal? Amount, string? Currency, [property: MustSend] string? ReceivedOn,
    Guid? PlanId, string? Method, string? Remark)
{
    public AddPayment Command() => new(Id, ContractId ?? Guid.Empty, new PaymentInput(Amount, Currency, ReceivedOn, PlanId?.ToString(), Method, Remark));
}

/// <summary>Fields to change: only the ones sent change; an empty string clears planId, method or remark.</summary>
/// <param name="Amount">More than 0, at most 2 decimal places, at most the contract's amount.</param>
/// <param name="Currency">Only the contract's currency is accepted.</param>
/// <param name="ReceivedOn">yyyy-MM-dd; today (UTC) or earlier.</param>
/// <param name="PlanId">A UUID: an instalment of the contract's payment plan; "" detaches the payment from its instalment.</param>
public sealed record UpdatePaymentRequest(decimal? Amount, string? Currency, string? ReceivedOn, string? PlanId, string? Method, string? Remark)
{
    public PaymentInput Input() => new(Amount, Currency, ReceivedOn, PlanId, Method, Remark);
}

/// <summary>A search with a JSON filter tree: {"and":[{"field":"status","op":"eq","value":"approved"}]}.</summary>
public sealed record PaymentSearchRequest(JsonElement? Filter, string? Q, [property: SortKey] string? Sort, int? Limit, string? Cursor,
    bool IncludeTotal = false);

/// <summary>A payment.</summary>
/// <param name="OwnerId">The contract's owner: a payment is reached through its contract.</param>
/// <param name="Status">Only approved payments count as received.</param>
/// <param name="SubmissionId">The approval submission in progress or last ended.</param>
/// <param name="RejectedReason">Why the last submission was rejected, while rejected.</param>
/// <param name="Version">Its stream version; the same value as the ETag, to send back in If-Match.</param>
public sealed record PaymentResponse(
    Guid Id, Guid ContractId, Guid CustomerId, Guid OwnerId, decimal Amount, string Currency, DateOnly ReceivedOn, Guid? PlanId, string? Method,
    string? Remark,
    [property: WireValues(ApprovalStatus.Draft, ApprovalStatus.Pending, ApprovalStatus.Approved, ApprovalStatus.Rejected)] string Status,
    Guid? SubmissionId, DateTimeOffset? ApprovedAt, string? RejectedReason, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PaymentResponse From(PaymentRow r) => new(r.Id, r.ContractId, r.CustomerId, r.OwnerId, r.Fields.Amount.Amount, r.Fields.Amount.Currency,
        r.Fields.ReceivedOn, r.Fields.PlanId, r.Fields.Method, r.Fields.Remark, r.Status, r.SubmissionId, r.ApprovedAt, r.RejectedReason, r.Version,
        r.CreatedAt, r.UpdatedAt);
}

/// <summary>One page of payments.</summary>
/// <param name="NextCursor">Pass as ?cursor= (or "cursor" in a search) for the next page; null on the last page.</param>
/// <param name="Total">Only with includeTotal=true.</param>
/// <param name="Receivable">With ?contractId=: that contract's receivable (null until the contract is approved and projected).</param>
/// <param name="CustomerReceivables">GET /api/customers/{id}/payments only: the customer's receivables per currency (first page only).</param>
public sealed record PaymentListResponse(IReadOnlyList<PaymentResponse> Items, string? NextCursor, long? Total = null, ReceivableResponse? Receivable = null,
    IReadOnlyList<CustomerReceivableResponse>? CustomerReceivables = null);

/// <summary>A customer's receivables in one currency: its approved contracts in your payment.list scope, summed.</summary>
public sealed record CustomerReceivableResponse(string Currency, int Contracts, decimal ContractAmount, decimal ApprovedAmount, decimal ReceivableAmount,
    decimal OverdueAmount)
{
    public static CustomerReceivableResponse From(CustomerReceivable c) =>
        new(c.Currency, c.Contracts, c.ContractAmount, c.ApprovedAmount, c.ReceivableAmount, c.OverdueAmount);
}

/// <summary>A payment's operation log, oldest first.</summary>
public sealed record PaymentHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);

/// <summary>One instalment of the contract's payment plan, with what approved payments leave of it (they pay the oldest first).</summary>
/// <param name="Outstanding">0 when paid.</param>
/// <param name="Overdue">Planned before today and not fully paid.</param>
public sealed record ReceivablePlanResponse(Guid PlanId, int Instalment, decimal Amount, DateOnly PlannedOn, string? Method, int? RemindDaysBefore,
    decimal Outstanding, bool Overdue);

/// <summary>A contract's receivable (应收) today: contract amount − approved payments.</summary>
/// <param name="ContractStatus">The contract's approval status; lists show approved contracts only.</param>
/// <param name="ReceivableAmount">What is still to be received; negative when more was received than the contract's amount.</param>
/// <param name="LastReceivedOn">The latest receivedOn among approved payments.</param>
/// <param name="NextDueOn">Planned date of the oldest instalment not fully paid (overdue when before today).</param>
/// <param name="OverdueAmount">What is unpaid of the instalments planned before today.</param>
/// <param name="DaysOverdue">Days since the oldest unpaid instalment's planned date (0 when none is overdue).</param>
/// <param name="Plans">With GET /api/contracts/{id}/receivable only.</param>
public sealed record ReceivableResponse(
    Guid ContractId, string ContractNumber, Guid CustomerId, Guid OwnerId,
    [property: WireValues(ApprovalStatus.Draft, ApprovalStatus.Pending, ApprovalStatus.Approved, ApprovalStatus.Rejected)] string ContractStatus,
    string Currency, decimal ContractAmount, decimal ApprovedAmount, decimal ReceivableAmount, int PaymentsCount, DateOnly? LastReceivedOn,
    DateOnly? NextDueOn, decimal? NextDueAmount, decimal OverdueAmount, int DaysOverdue, DateTimeOffset UpdatedAt,
    IReadOnlyList<ReceivablePlanResponse>? Plans = null)
{
    public static ReceivableResponse From(ReceivableRow r, IReadOnlyList<CoveredPlan>? plans = null, DateOnly? today = null) => new(
        r.ContractId, r.ContractNumber, r.CustomerId, r.OwnerId, r.Status, r.Currency, r.ContractAmount, r.ApprovedAmount, r.ReceivableAmount,
        r.PaymentsCount, r.LastReceivedOn, r.NextDueOn, r.NextDueAmount, r.OverdueAmount, r.DaysOverdue, r.UpdatedAt,
        plans?.Select(p => new ReceivablePlanResponse(p.Plan.PlanId, p.Plan.Instalment, p.Plan.Amount, p.Plan.PlannedOn, p.Plan.Method,
            p.Plan.RemindDaysBefore, p.Outstanding, p.Outstanding > 0 && p.Plan.PlannedOn < today)).ToList());
}

/// <summary>One page of receivables.</summary>
/// <param name="NextCursor">Pass as ?cursor= for the next page; null on the last page.</param>
public sealed record ReceivableListResponse(IReadOnlyList<ReceivableResponse> Items, string? NextCursor);

/// <summary>Aging (账龄) on <paramref name="Today"/>: unpaid instalments by days overdue, per currency.</summary>
public sealed record AgingResponse(DateOnly Today, IReadOnlyList<AgingBucketResponse> Buckets);

/// <summary>One bucket of one currency.</summary>
/// <param name="Bucket">Days overdue: 0-30 (1 to 30), 31-60, 61-90 or 90+ (more than 90).</param>
/// <param name="Instalments">Unpaid instalments in it.</param>
/// <param name="Contracts">Contracts they belong to.</param>
/// <param name="Amount">What is unpaid of them.</param>
public sealed record AgingBucketResponse(string Currency, [property: WireValues("0-30", "31-60", "61-90", "90+")] string Bucket, int Instalments,
    int Contracts, decimal Amount)
{
    public static AgingBucketResponse From(AgingBucket b) => new(b.Currency, b.Bucket, b.Instalments, b.Contracts, b.Amount);
}

/// <summary>An instalment due for a reminder (or within the days asked), not fully paid.</summary>
/// <param name="RemindOn">plannedOn − remindDaysBefore; null when the plan asks for no reminder.</param>
/// <param name="DaysUntilDue">Negative when overdue.</param>
public sealed record DuePlanResponse(Guid ContractId, string ContractNumber, Guid CustomerId, Guid OwnerId, Guid PlanId, int Instalment, string Currency,
    decimal Amount, decimal Outstanding, DateOnly PlannedOn, DateOnly? RemindOn, string? Method, int DaysUntilDue)
{
    public static DuePlanResponse From(DuePlan p) => new(p.ContractId, p.ContractNumber, p.CustomerId, p.OwnerId, p.PlanId, p.Instalment, p.Currency,
        p.Amount, p.Outstanding, p.PlannedOn, p.RemindOn, p.Method, p.DaysUntilDue);
}

/// <summary>One page of due instalments, oldest planned date first.</summary>
public sealed record DuePlanListResponse(DateOnly Today, IReadOnlyList<DuePlanResponse> Items, string? NextCursor);

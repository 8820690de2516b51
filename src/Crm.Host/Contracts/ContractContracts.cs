using System.Text.Json;
using Crm.Events;
using Crm.Host.Opportunities;
using Crm.Host.Platform;
using Crm.Projections.Contracts;
using Crm.Projections.Org;
using Crm.Write.Contracts;

namespace Crm.Host.Contracts;

/// <summary>A new contract (SAL-3), a draft until it is submitted for approval.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Number">Optional, unique (409 contract_number_taken); default: the next number of the pattern (HT-2026-000123).</param>
/// <param name="CustomerId">A customer you can see (else 404 customer_not_found), not in the public pool.</param>
/// <param name="OpportunityId">Optional: an opportunity of that customer (else 422 opportunity_not_of_customer).</param>
/// <param name="SignedOn">yyyy-MM-dd.</param>
/// <param name="StartsOn">yyyy-MM-dd.</param>
/// <param name="EndsOn">yyyy-MM-dd, on or after startsOn.</param>
/// <param name="SignatoryContactId">Optional: a contact of that customer (else 422 signatory_not_of_customer).</param>
/// <param name="Custom">Custom fields: a JSON object.</param>
/// <param name="Currency">ISO 4217; default: the first line's product currency; required without lines.</param>
/// <param name="Amount">Sets the amount by hand (at most 2 decimals, not negative); absent: the lines' total.</param>
/// <param name="OwnerId">Default: you. Must be inside your contract.create data scope.</param>
public sealed record CreateContractRequest(
    Guid? Id, string? Number, [property: MustSend] Guid? CustomerId, Guid? OpportunityId, [property: MustSend] string? Name, string? SignedOn,
    string? StartsOn, string? EndsOn, Guid? SignatoryContactId, string? Remark, JsonElement? Custom, IReadOnlyList<OpportunityLineRequest>? Lines,
    string? Currency, decimal? Amount, Guid? OwnerId)
{
    public AddContract Command() => new(Id, Number, CustomerId ?? Guid.Empty, OpportunityId,
        new ContractInput(Name, SignedOn, StartsOn, EndsOn, SignatoryContactId?.ToString(), Remark, Custom), OpportunityLineRequest.Lines(Lines),
        Currency, Amount, OwnerId);
}

/// <summary>Fields to change: only the ones sent change; an empty string clears one.</summary>
/// <param name="SignatoryContactId">A contact of the contract's customer (UUID text); an empty string clears it.</param>
/// <param name="Amount">Sets the amount by hand.</param>
/// <param name="AmountFromLines">true: the amount follows the lines' total again.</param>
public sealed record UpdateContractRequest(
    string? Name, string? SignedOn, string? StartsOn, string? EndsOn, string? SignatoryContactId, string? Remark, JsonElement? Custom, decimal? Amount,
    bool AmountFromLines = false)
{
    public EditContract Command(Guid id) =>
        new(id, new ContractInput(Name, SignedOn, StartsOn, EndsOn, SignatoryContactId, Remark, Custom), Amount, AmountFromLines);
}

/// <summary>Why the contract is voided.</summary>
public sealed record VoidContractRequest([property: MustSend] string? Reason);

/// <summary>A transfer to another owner.</summary>
/// <param name="ToUserId">An enabled user inside your contract.transfer data scope.</param>
public sealed record ContractTransferRequest([property: MustSend] Guid? ToUserId,
    [property: NullMeans("the previous owner leaves"), WireValues(TeamAccess.Read, TeamAccess.ReadWrite)] string? KeepPreviousOwnerAs = null)
{
    public TransferContract Command(Guid id) =>
        new(id, ToUserId ?? Guid.Empty, string.IsNullOrWhiteSpace(KeepPreviousOwnerAs) ? null : KeepPreviousOwnerAs);
}

/// <summary>A transfer of several contracts at once.</summary>
public sealed record BulkContractTransferRequest([property: MustSend] IReadOnlyList<Guid>? Ids, [property: MustSend] Guid? ToUserId,
    [property: NullMeans("the previous owners leave"), WireValues(TeamAccess.Read, TeamAccess.ReadWrite)] string? KeepPreviousOwnerAs = null);

/// <summary>A search with a JSON filter tree: {"and":[{"field":"status","op":"eq","value":"approved"}]}.</summary>
public sealed record ContractSearchRequest(JsonElement? Filter, string? Q, [property: SortKey] string? Sort, int? Limit, string? Cursor,
    bool IncludeTotal = false);

/// <summary>An instalment of the payment plan; in a PATCH only the values sent change.</summary>
/// <param name="Instalment">1–999, unique in the contract.</param>
/// <param name="Amount">More than 0, at most 2 decimals, in the contract's currency; the plans add up to at most the contract's amount.</param>
/// <param name="PlannedOn">yyyy-MM-dd.</param>
/// <param name="RemindDaysBefore">0–365 days before plannedOn the owner is reminded; absent: no reminder.</param>
public sealed record PaymentPlanRequest(
    Guid? Id, [property: MustSend] int? Instalment, [property: MustSend] decimal? Amount, [property: MustSend] string? PlannedOn, string? Method,
    int? RemindDaysBefore, string? Remark)
{
    public PlanInput Input() => new(Instalment, Amount, PlannedOn, Method, RemindDaysBefore, Remark);
}

/// <summary>The values of an instalment to change; only the ones sent change.</summary>
public sealed record UpdatePaymentPlanRequest(int? Instalment, decimal? Amount, string? PlannedOn, string? Method, int? RemindDaysBefore, string? Remark)
{
    public PlanInput Input() => new(Instalment, Amount, PlannedOn, Method, RemindDaysBefore, Remark);
}

/// <summary>One instalment of a contract's payment plan.</summary>
public sealed record PaymentPlanResponse(
    Guid Id, int Instalment, decimal Amount, string Currency, DateOnly PlannedOn, string? Method, int? RemindDaysBefore, string? Remark)
{
    public static PaymentPlanResponse From(PaymentPlanEntry p) =>
        new(p.PlanId, p.Instalment, p.Amount.Amount, p.Amount.Currency, p.PlannedOn, p.Method, p.RemindDaysBefore, p.Remark);
}

/// <summary>A contract.</summary>
/// <param name="Status">draft, pending (submitted: locked), approved (locked), rejected or voided.</param>
/// <param name="ApprovedVersion">The version the approvers saw, once approved.</param>
/// <param name="Version">Its stream version; the same value as the ETag, to send back in If-Match.</param>
/// <param name="Lines">Detail only; null in lists.</param>
/// <param name="Team">Detail only; null in lists and time travel.</param>
/// <param name="PaymentPlans">Detail only, by instalment; null in lists.</param>
public sealed record ContractResponse(
    Guid Id, string Number, Guid CustomerId, Guid? OpportunityId, string Name, DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? EndsOn,
    Guid? SignatoryContactId, string? Remark, JsonElement? Custom, decimal Amount, bool AmountSetByHand, string Currency,
    [property: WireValues(ApprovalStatus.Draft, ApprovalStatus.Pending, ApprovalStatus.Approved, ApprovalStatus.Rejected, ApprovalStatus.Voided)]
    string Status, long? ApprovedVersion, DateTimeOffset? ApprovedAt, DateTimeOffset? VoidedAt, string? VoidReason, Guid OwnerId, long Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<OpportunityLineResponse>? Lines = null,
    IReadOnlyList<ContractTeamMember>? Team = null, IReadOnlyList<PaymentPlanResponse>? PaymentPlans = null)
{
    public static ContractResponse From(ContractRow r, IReadOnlyList<OpportunityLine>? lines = null, IReadOnlyList<ContractTeamMember>? team = null,
        IReadOnlyList<PaymentPlanEntry>? plans = null) =>
        new(r.Id, r.Number, r.CustomerId, r.OpportunityId, r.Fields.Name, r.Fields.SignedOn, r.Fields.StartsOn, r.Fields.EndsOn,
            r.Fields.SignatoryContactId, r.Fields.Remark, r.Fields.Custom, r.Amount.Amount, r.AmountSetByHand, r.Amount.Currency, r.Status,
            r.ApprovedVersion, r.ApprovedAt, r.VoidedAt, r.VoidReason, r.OwnerId, r.Version, r.CreatedAt, r.UpdatedAt,
            (lines ?? r.Lines)?.Select(OpportunityLineResponse.From).ToList(), team,
            (plans ?? r.Plans)?.OrderBy(p => p.Instalment).Select(PaymentPlanResponse.From).ToList());
}

/// <summary>One page of contracts.</summary>
/// <param name="NextCursor">Pass as ?cursor= (or "cursor" in a search) for the next page; null on the last page.</param>
/// <param name="Total">Only with includeTotal=true.</param>
public sealed record ContractListResponse(IReadOnlyList<ContractResponse> Items, string? NextCursor, long? Total = null);

/// <summary>A contract's operation log, oldest first.</summary>
public sealed record ContractHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);

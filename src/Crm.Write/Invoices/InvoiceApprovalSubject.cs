using System.Globalization;
using Crm.EventStore;
using Crm.Projections.Invoices;
using Crm.Projections.Payments;
using Crm.Write.Approvals;
using Crm.Write.Contracts;
using Npgsql;

namespace Crm.Write.Invoices;

/// <summary>
/// Invoices as the approval engine sees them (record kind "invoice"): the approved fields are the amount and everything printed on
/// the invoice. Rules across the contract's invoices are checked by <see cref="CrossCheckAsync"/>: a rejected invoice no longer counts
/// against its contract, so submitting it again is refused when it no longer fits what is left to invoice; and the approval itself is
/// refused when the contract's approved and issued invoices and this one would exceed the contract's amount (409
/// invoice_exceeds_invoiceable) — both under the contract's invoice lock, so two approvals racing for the last of a contract cannot
/// both pass. The contract must still be approved (409 contract_voided / contract_not_approved naming contractId).
/// </summary>
public sealed class InvoiceApprovalSubject(EventStore.EventStore store, InvoiceQueries invoices, ContractVersions contracts) : IApprovalSubject
{
    public string Kind => InvoiceReach.Kind;

    public string StreamType => Invoice.StreamType;

    public string SubmitPermission => "invoice.edit";

    public string ReadPermission => "invoice.list";

    public string ReachSql => InvoiceApprovalReach.Sql;

    public async Task<(ApprovalRecord? Record, DomainError? Refusal)> ReadAsync(Guid recordId, Caller? caller, string? permission, bool write,
        CancellationToken ct)
    {
        var (state, version) = await FoldAsync(recordId, null, ct);
        if (caller is not null && InvoiceReach.Check(state, recordId, caller, permission ?? SubmitPermission) is { } refusal) return (null, refusal);
        if (!state.Exists) return (null, Invoice.NotFound(recordId));
        return (Record(state, version), null);
    }

    public async Task<(DomainError? Refusal, AppendGuard? Guard)> CrossCheckAsync(ApprovalRecord record, bool approving, CancellationToken ct)
    {
        var (state, _) = await FoldAsync(record.RecordId, null, ct);
        var loaded = await store.AggregateStreamAsync(state.ContractId, Contract.Decider.Initial, (s, e) => Contract.Decider.Evolve(s, e.Data), ct: ct);
        var (contract, contractVersion) = loaded ?? (ContractState.None, 0);
        if (Invoice.ContractRefusal(contract.Status) is { } refused) return (refused, null);
        // Approving: only approved and issued invoices count (pending ones may yet be rejected); submitting: every invoice but rejected ones.
        Func<NpgsqlConnection?, NpgsqlTransaction?, CancellationToken, Task<decimal>> sum = approving
            ? (c, tx, t) => invoices.ApprovedAsync(state.ContractId, state.Id, c, tx, t)
            : (c, tx, t) => c is null ? invoices.InvoicedAsync(state.ContractId, state.Id, t) : invoices.InvoicedAsync(state.ContractId, state.Id, c, tx, t);
        var seen = await sum(null, null, ct);
        if ((approving || state.Status == InvoiceStatus.Rejected) && Invoice.Exceeds(state.Amount.Amount, contract.Amount.Amount, seen) is { } over)
            return (over, null);
        return (null, new AppendGuard([InvoiceHandler.LockName(state.ContractId)], async (c, tx, t) =>
            await contracts.VersionForShareAsync(state.ContractId, c, tx, t) == contractVersion && await sum(c, tx, t) == seen));
    }

    public async Task<ApprovalRecord?> ReadAtAsync(Guid recordId, long version, CancellationToken ct)
    {
        var (state, reached) = await FoldAsync(recordId, version, ct);
        return state.Exists && reached == version ? Record(state, reached) : null;
    }

    public DomainError? CanSubmit(ApprovalRecord record) =>
        record.Status is InvoiceStatus.Draft or InvoiceStatus.Rejected ? null
            : DomainError.Conflict("invoice_locked", $"The invoice is {record.Status}: only a draft or rejected invoice may be submitted.");

    public object Submitted(ApprovalRecord record, Guid submissionId, DateTimeOffset at) => Invoice.Submitted(record.RecordId, submissionId, at);

    public object Approved(ApprovalRecord record, Guid submissionId, long approvedVersion, DateTimeOffset at) =>
        Invoice.Approved(StateOf(record), submissionId, approvedVersion, at);

    public object Rejected(ApprovalRecord record, Guid submissionId, string reason, DateTimeOffset at) =>
        Invoice.Rejected(record.RecordId, submissionId, reason, at);

    public object Withdrawn(ApprovalRecord record, Guid submissionId, DateTimeOffset at) => Invoice.Withdrawn(record.RecordId, submissionId, at);

    /// <summary>The fields an approval binds to, as text (amounts with two decimals, invariant).</summary>
    public static ApprovalRecord Record(InvoiceState state, long version) => new(InvoiceReach.Kind, state.Id, version,
        state.Status == InvoiceStatus.Issued ? InvoiceStatus.Approved : state.Status, state.OwnerId,
        string.Create(CultureInfo.InvariantCulture, $"{state.Fields.Title} {state.Amount.Amount:0.00} {state.Amount.Currency}"),
        new Dictionary<string, string?>
        {
            ["contractId"] = state.ContractId.ToString(),
            ["amount"] = state.Amount.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            ["currency"] = state.Amount.Currency,
            ["title"] = state.Fields.Title,
            ["taxNumber"] = state.Fields.TaxNumber,
            ["type"] = state.Fields.Type,
            ["remark"] = state.Fields.Remark,
        });

    // The engine hands back the record it read: its approved fields are the invoice's own, so the approval event carries them.
    private static InvoiceState StateOf(ApprovalRecord record) => InvoiceState.None with
    {
        Exists = true, Id = record.RecordId, ContractId = Guid.Parse(record.ApprovedFields["contractId"]!),
        Amount = new Events.Money(decimal.Parse(record.ApprovedFields["amount"]!, CultureInfo.InvariantCulture), record.ApprovedFields["currency"]!),
    };

    private async Task<(InvoiceState State, long Version)> FoldAsync(Guid id, long? version, CancellationToken ct) =>
        await store.AggregateStreamAsync(id, Invoice.Decider.Initial, (s, e) => Invoice.Decider.Evolve(s, e.Data), version, ct: ct)
        ?? (InvoiceState.None, 0);
}

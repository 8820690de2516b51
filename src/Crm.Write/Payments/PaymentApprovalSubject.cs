using Crm.EventStore;
using Crm.Projections.Payments;
using Crm.Write.Access;
using Crm.Write.Approvals;
using Crm.Write.Contracts;

namespace Crm.Write.Payments;

/// <summary>
/// Payments as the approval engine sees them (SAL-4): kind "payment". Submitting needs payment.edit — submitting is a change of the
/// payment's state, made by whoever may change it (the catalogue has no payment.submit) — with read-write reach through the contract.
/// Its contract must be approved when the payment is submitted and when it is approved, and the contract's approved payments never add
/// up to more than its amount (<see cref="CrossCheckAsync"/>: checked again inside the approval's append, under the contract's payment lock).
/// </summary>
public sealed class PaymentApprovalSubject(EventStore.EventStore store, PaymentReach reach, PaymentQueries payments, ContractVersions contracts)
    : IApprovalSubject
{
    public string Kind => Payment.Kind;

    public string StreamType => Payment.StreamType;

    public string SubmitPermission => "payment.edit";

    public string ReadPermission => "payment.list";

    public string ReachSql => PaymentApprovalReach.Sql;

    public async Task<(ApprovalRecord? Record, DomainError? Refusal)> ReadAsync(Guid recordId, Caller? caller, string? permission, bool write,
        CancellationToken ct)
    {
        var loaded = await store.AggregateStreamAsync(recordId, PaymentState.None, (s, e) => PaymentState.Evolve(s, e.Data), ct: ct);
        if (loaded is not ({ Exists: true } state, var version)) return (null, RecordAccess.NotFound(PaymentReach.Kind, recordId));
        if (caller is not null)
        {
            var contract = await reach.ContractAsync(state.ContractId, ct);
            var refusal = PaymentReach.Check(recordId, state, contract, caller, permission ?? SubmitPermission, write ? TeamNeed.ReadWrite : TeamNeed.Read);
            if (refusal is not null) return (null, refusal);
        }
        return (Payment.Record(state, version), null);
    }

    public async Task<ApprovalRecord?> ReadAtAsync(Guid recordId, long version, CancellationToken ct)
    {
        var loaded = await store.AggregateStreamAsync(recordId, PaymentState.None, (s, e) => PaymentState.Evolve(s, e.Data), version, ct: ct);
        return loaded is ({ Exists: true } state, var at) ? Payment.Record(state, at) : null;
    }

    public async Task<(DomainError? Refusal, AppendGuard? Guard)> CrossCheckAsync(ApprovalRecord record, bool approving, CancellationToken ct)
    {
        var contractId = Guid.Parse(record.ApprovedFields["contractId"]!);
        var (contract, contractVersion) = await reach.ContractStreamAsync(contractId, ct) ?? (ContractState.None, 0);
        if (Payment.ContractRefusal(ContractOnFile.From(contract)) is { } refused) return (refused, null);
        var seen = approving ? await payments.ApprovedAsync(contractId, record.RecordId, null, null, ct) : 0m;
        if (approving && Payment.ExceedsContract(Payment.AmountOf(record), contract.Amount.Amount, seen) is { } over) return (over, null);
        return (null, new AppendGuard([LockName(contractId)], async (c, tx, t) => await contracts.VersionForShareAsync(contractId, c, tx, t) == contractVersion
            && (!approving || await payments.ApprovedAsync(contractId, record.RecordId, c, tx, t) == seen)));
    }

    /// <summary>The advisory lock every approval of one of the contract's payments takes.</summary>
    public static string LockName(Guid contractId) => $"payments-of-contract:{contractId}";

    public DomainError? CanSubmit(ApprovalRecord record) => Payment.CanSubmit(record);

    public object Submitted(ApprovalRecord record, Guid submissionId, DateTimeOffset at) => Payment.Submitted(record, submissionId, at);

    public object Approved(ApprovalRecord record, Guid submissionId, long approvedVersion, DateTimeOffset at) =>
        Payment.Approved(record, submissionId, approvedVersion, at);

    public object Rejected(ApprovalRecord record, Guid submissionId, string reason, DateTimeOffset at) =>
        Payment.Rejected(record, submissionId, reason, at);

    public object Withdrawn(ApprovalRecord record, Guid submissionId, DateTimeOffset at) => Payment.Withdrawn(record, submissionId, at);
}

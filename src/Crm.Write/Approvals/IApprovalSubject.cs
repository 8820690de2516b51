using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.EventStore;

namespace Crm.Write.Approvals;

/// <summary>
/// A record as the approval engine sees it, read from its own stream inside the command's cycle.
/// <paramref name="Version"/> is the stream's version as read; <paramref name="Status"/> is <see cref="Events.ApprovalStatus"/>' text;
/// <paramref name="ApprovedFields"/> are the fields an approval binds to, as text (what the content hash and the diff are made of).
/// </summary>
public sealed record ApprovalRecord(
    string Kind,
    Guid RecordId,
    long Version,
    string Status,
    Guid OwnerId,
    string Title,
    IReadOnlyDictionary<string, string?> ApprovedFields)
{
    /// <summary>
    /// The kind's own state the record was read from (a <c>ContractState</c> …), for the kind's own events: amounts and ids are taken from
    /// it as values, never parsed back out of <see cref="ApprovedFields"/>' text. Not part of the content hash.
    /// </summary>
    public object? Source { get; init; }

    /// <summary>SHA-256 (hex, lower case) of the approved fields, sorted by name, as one JSON object: the same fields give the same hash.</summary>
    public string ContentHash => ApprovalContent.Hash(ApprovedFields);
}

/// <summary>
/// A record kind that goes through approval (contract, payment, invoice; an expense or discount later is one more
/// registration, not a copy of the engine). Each kind registers one implementation in DI; the approval engine
/// (<c>ApprovalHandler</c>) finds it by <see cref="Kind"/>, reads the record through it, and appends the events it returns to
/// the record's stream in the same transaction as the submission's own events, at the version it read.
/// </summary>
public interface IApprovalSubject
{
    /// <summary>The record kind, as submissions and flows name it: "contract".</summary>
    string Kind { get; }

    /// <summary>The record's stream type (for the multi-stream append).</summary>
    string StreamType { get; }

    /// <summary>The permission a submitter needs, and through whose data scope the record must be reachable: "contract.submit".</summary>
    string SubmitPermission { get; }

    /// <summary>
    /// The permission under which a caller reads records of the kind (its list's: "contract.list"). Whoever holds it and reaches the record
    /// in its data scope sees the record's submissions too; nobody else but the submitter and the approvers does (issue 12).
    /// </summary>
    string ReadPermission { get; }

    /// <summary>
    /// The kind's read rule as SQL for the submission lists (<see cref="Projections.Approvals.ApprovalRecordReach"/>), kept beside the kind's
    /// tables in Crm.Projections; it must agree with what <see cref="ReadAsync"/> answers for <see cref="ReadPermission"/>.
    /// </summary>
    string ReachSql { get; }

    /// <summary>
    /// The record as its stream has it now, when <paramref name="caller"/> reaches it for <paramref name="permission"/>
    /// (read-write when <paramref name="write"/>); else the refusal (404 <c>&lt;kind&gt;_not_found</c>, 403 <c>team_read_only</c>).
    /// A null caller reads without access checks (an approver acts by the step's rule, not by data scope).
    /// </summary>
    Task<(ApprovalRecord? Record, DomainError? Refusal)> ReadAsync(Guid recordId, Caller? caller, string? permission, bool write, CancellationToken ct);

    /// <summary>The record as it was at <paramref name="version"/> (the approval diff), or null when it did not exist then.</summary>
    Task<ApprovalRecord?> ReadAtAsync(Guid recordId, long version, CancellationToken ct);

    /// <summary>Why the record cannot be submitted in its present state (409, e.g. <c>contract_voided</c>), or null.</summary>
    DomainError? CanSubmit(ApprovalRecord record);

    /// <summary>
    /// Rules beyond the record's own stream that a submission (<paramref name="approving"/> false) or the approval that completes it
    /// (true) must hold — an invoice within its contract's invoiceable amount, a payment on an approved contract: the refusal now, or
    /// a guard that re-reads those facts inside the engine's append, under the locks it names (changed: the engine decides again).
    /// </summary>
    Task<(DomainError? Refusal, AppendGuard? Guard)> CrossCheckAsync(ApprovalRecord record, bool approving, CancellationToken ct) =>
        Task.FromResult<(DomainError?, AppendGuard?)>((null, null));

    /// <summary>The record's own event for a submission: it becomes pending (locked).</summary>
    object Submitted(ApprovalRecord record, Guid submissionId, DateTimeOffset at);

    /// <summary>The record's own event for a completed approval at <paramref name="approvedVersion"/>.</summary>
    object Approved(ApprovalRecord record, Guid submissionId, long approvedVersion, DateTimeOffset at);

    /// <summary>The record's own event for a rejection.</summary>
    object Rejected(ApprovalRecord record, Guid submissionId, string reason, DateTimeOffset at);

    /// <summary>The record's own event for a withdrawal.</summary>
    object Withdrawn(ApprovalRecord record, Guid submissionId, DateTimeOffset at);
}

public static class ApprovalContent
{
    public static string Hash(IReadOnlyDictionary<string, string?> fields)
    {
        var sorted = new SortedDictionary<string, string?>(fields.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal);
        var json = JsonSerializer.SerializeToUtf8Bytes(sorted);
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }

    /// <summary>The fields that differ between two readings of a record: name, then (old, new).</summary>
    public static IReadOnlyList<(string Field, string? Old, string? New)> Diff(
        IReadOnlyDictionary<string, string?> then, IReadOnlyDictionary<string, string?> now) =>
        then.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Select(k => (k, then.GetValueOrDefault(k), now.GetValueOrDefault(k)))
            .Where(d => d.Item2 != d.Item3).ToList();
}

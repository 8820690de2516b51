using Crm.Events.Sales;
using Crm.Events;
using Crm.Projections.Contracts;
using Crm.Write.Access;
using Crm.Write.Approvals;
using System.Globalization;

namespace Crm.Write.Contracts;

/// <summary>
/// Contracts as the approval engine sees them (kind "contract"): read from their own stream inside the command's cycle, reached
/// through <see cref="ContractReach"/>, approved on their built-in fields, amount, lines, customer and opportunity.
/// </summary>
public sealed class ContractApprovalSubject(EventStore.EventStore store) : IApprovalSubject
{
    public string Kind => ContractReach.Kind;

    public string StreamType => Contract.StreamType;

    public string SubmitPermission => "contract.submit";

    public string ReadPermission => "contract.list";

    public string ReachSql => ContractApprovalReach.Sql;

    public async Task<(ApprovalRecord? Record, DomainError? Refusal)> ReadAsync(Guid recordId, Caller? caller, string? permission, bool write,
        CancellationToken ct)
    {
        var (state, version) = await LoadAsync(recordId, null, ct);
        if (caller is not null && permission is not null
            && ContractReach.Check(recordId, state, caller, permission, write ? TeamNeed.ReadWrite : TeamNeed.Read) is { } refused) return (null, refused);
        return state.Exists ? (Record(state, version), null) : (null, RecordAccess.NotFound(Kind, recordId));
    }

    public async Task<ApprovalRecord?> ReadAtAsync(Guid recordId, long version, CancellationToken ct)
    {
        var (state, read) = await LoadAsync(recordId, version, ct);
        return state.Exists ? Record(state, read) : null;
    }

    public DomainError? CanSubmit(ApprovalRecord record) =>
        record.Status == ApprovalStatus.Voided ? Contract.CanSubmit(ContractState.None with { Exists = true, Id = record.RecordId, Status = record.Status,
            Number = record.Title }) : null;

    public object Submitted(ApprovalRecord record, Guid submissionId, DateTimeOffset at) => new ContractSubmitted(record.RecordId, submissionId, at);

    public object Approved(ApprovalRecord record, Guid submissionId, long approvedVersion, DateTimeOffset at)
    {
        // The amount and the customer as values from the state read, not parsed back out of the approved fields' text.
        var state = record.Source as ContractState
                    ?? throw new InvalidOperationException($"The contract approval record {record.RecordId} was not read by the contract subject.");
        return new ContractApproved(record.RecordId, state.CustomerId, submissionId, approvedVersion, state.Amount, at);
    }

    public object Rejected(ApprovalRecord record, Guid submissionId, string reason, DateTimeOffset at) =>
        new ContractRejected(record.RecordId, submissionId, reason, at);

    public object Withdrawn(ApprovalRecord record, Guid submissionId, DateTimeOffset at) => new ContractWithdrawn(record.RecordId, submissionId, at);

    /// <summary>The fields an approval binds to, as text: the built-in fields, the amount, the lines, the customer and the opportunity.</summary>
    public static IReadOnlyDictionary<string, string?> ApprovedFields(ContractState state)
    {
        var fields = ContractFieldText.Names.ToDictionary(n => n, n => state.Fields.Get(n));
        fields["amount"] = state.Amount.ToString();
        fields["lines"] = LinesText(state.Lines);
        fields["customerId"] = state.CustomerId.ToString();
        fields["opportunityId"] = state.OpportunityId?.ToString();
        return fields;
    }

    /// <summary>One line per product line, in order: the product, quantity, unit price, discount and subtotal (a stable text to hash and diff).</summary>
    public static string LinesText(IReadOnlyList<OpportunityLine> lines) => string.Join("\n", lines.Select(l => string.Create(CultureInfo.InvariantCulture,
        $"{l.ProductCode} {l.ProductName} × {l.Quantity} @ {l.UnitPrice} −{l.DiscountPercent}% = {l.Subtotal} [{l.ProductId}]")));

    private static ApprovalRecord Record(ContractState state, long version) =>
        new(ContractReach.Kind, state.Id, version, state.Status, state.OwnerId, $"{state.Number} {state.Fields.Name}".Trim(), ApprovedFields(state))
        {
            Source = state,
        };

    private async Task<(ContractState State, long Version)> LoadAsync(Guid id, long? toVersion, CancellationToken ct) =>
        await store.AggregateStreamAsync(id, Contract.Decider.Initial, (s, e) => Contract.Decider.Evolve(s, e.Data), toVersion, ct: ct)
        ?? (Contract.Decider.Initial with { Id = id }, 0);
}

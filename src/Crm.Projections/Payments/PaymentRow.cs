using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;

namespace Crm.Projections.Payments;

/// <summary>A payment as lists and the detail view show it; one row of crm.payments.</summary>
/// <param name="OwnerId">The contract's owner (a payment is reached through its contract): kept here so lists scope without a join.</param>
/// <param name="Status"><see cref="ApprovalStatus"/>' text: draft, pending, approved or rejected.</param>
public sealed record PaymentRow(
    Guid Id,
    Guid ContractId,
    Guid CustomerId,
    Guid OwnerId,
    PaymentFields Fields,
    string Status,
    Guid? SubmissionId,
    DateTimeOffset? ApprovedAt,
    string? RejectedReason,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The one fold of the payment read model from its own stream, shared by the projection and time travel.</summary>
    public static PaymentRow? Evolve(PaymentRow? row, StoredEvent e)
    {
        if (e.Data is PaymentRecorded c)
        {
            return new PaymentRow(c.PaymentId, c.ContractId, c.CustomerId, c.OwnerId, c.Fields, ApprovalStatus.Draft, null, null, null, e.Version,
                e.Timestamp, e.Timestamp);
        }
        if (row is null || e.Data is PaymentDeleted) return null;
        var next = e.Data switch
        {
            PaymentEdited x => row with { Fields = x.Fields },
            PaymentSubmitted x => row with { Status = ApprovalStatus.Pending, SubmissionId = x.SubmissionId, RejectedReason = null },
            PaymentApproved x => row with { Status = ApprovalStatus.Approved, ApprovedAt = x.At },
            PaymentRejected x => row with { Status = ApprovalStatus.Rejected, RejectedReason = x.Reason },
            PaymentWithdrawn => row with { Status = ApprovalStatus.Draft },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}

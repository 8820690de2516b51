using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Payments;

/// <summary>What the payment decider needs to know of one payment, folded from its stream.</summary>
/// <param name="Status"><see cref="ApprovalStatus"/>' text (a payment is never voided: a wrong approved payment is offset by hand).</param>
public sealed record PaymentState(
    bool Exists,
    Guid Id,
    Guid ContractId,
    Guid CustomerId,
    PaymentFields Fields,
    Guid OwnerId,
    string Status,
    Guid? SubmissionId,
    long? ApprovedVersion)
{
    public static PaymentState None { get; } = new(false, Guid.Empty, Guid.Empty, Guid.Empty,
        new PaymentFields(Money.Zero("CNY"), DateOnly.MinValue, null, null, null), Guid.Empty, ApprovalStatus.Draft, null, null);

    public bool IsLocked => Status is ApprovalStatus.Pending or ApprovalStatus.Approved;

    public static PaymentState Evolve(PaymentState state, object @event) => @event switch
    {
        PaymentRecorded e => None with
        {
            Exists = true, Id = e.PaymentId, ContractId = e.ContractId, CustomerId = e.CustomerId, Fields = e.Fields, OwnerId = e.OwnerId,
        },
        PaymentEdited e => state with { Fields = e.Fields },
        PaymentSubmitted e => state with { Status = ApprovalStatus.Pending, SubmissionId = e.SubmissionId },
        PaymentApproved e => state with { Status = ApprovalStatus.Approved, ApprovedVersion = e.ApprovedVersion },
        PaymentRejected => state with { Status = ApprovalStatus.Rejected },
        PaymentWithdrawn => state with { Status = ApprovalStatus.Draft },
        PaymentDeleted => state with { Exists = false },
        _ => state,
    };
}

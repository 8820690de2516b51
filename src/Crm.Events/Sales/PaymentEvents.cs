namespace Crm.Events.Sales;

// Payments (回款, SAL-6): money received against a contract, one stream each, with their own approval (SAL-4).
// Only approved payments count as received: receivables = contract amount − approved payments.

/// <summary>A payment was recorded against a contract (and optionally one instalment of its plan), as a draft.</summary>
public sealed record PaymentRecorded(
    Guid PaymentId,
    Guid ContractId,
    Guid CustomerId,
    PaymentFields Fields,
    Guid OwnerId,
    DateTimeOffset At);

/// <summary>The payment's fields changed (only while draft or rejected).</summary>
public sealed record PaymentEdited(Guid PaymentId, PaymentFields Fields, PaymentFields Previous);

/// <summary>The payment was submitted for approval (submission <paramref name="SubmissionId"/>): it is locked (pending).</summary>
public sealed record PaymentSubmitted(Guid PaymentId, Guid SubmissionId, DateTimeOffset At);

/// <summary>The payment was approved: from now on it counts as received on its contract.</summary>
public sealed record PaymentApproved(
    Guid PaymentId,
    Guid ContractId,
    Guid CustomerId,
    Guid SubmissionId,
    long ApprovedVersion,
    Money Amount,
    DateOnly ReceivedOn,
    DateTimeOffset At);

/// <summary>The submission was rejected, for a reason: the payment may be edited and submitted again.</summary>
public sealed record PaymentRejected(Guid PaymentId, Guid SubmissionId, string Reason, DateTimeOffset At);

/// <summary>The submitter withdrew the submission: the payment is a draft again.</summary>
public sealed record PaymentWithdrawn(Guid PaymentId, Guid SubmissionId, DateTimeOffset At);

/// <summary>A draft or rejected payment was deleted.</summary>
public sealed record PaymentDeleted(Guid PaymentId);

namespace Crm.Write.Payments;

/// <summary>
/// The payment decider (SAL-6): one payment per stream, recorded against a contract. Decide methods live in partial files
/// next to this one; the approval ones are called by the approval engine through <see cref="Approvals.IApprovalSubject"/>.
/// </summary>
public static partial class Payment
{
    public const string StreamType = "payment";

    public static Decider<PaymentState> Decider { get; } = new(StreamType, PaymentState.None, PaymentState.Evolve);
}

using System.Globalization;
using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Approvals;

namespace Crm.Write.Payments;

// A payment's approval (SAL-4, SAL-6), as the approval engine drives it through PaymentApprovalSubject: the record it sees, whether it
// may be submitted, and the payment's own events for each outcome. Only an approved payment counts as received on its contract.
public static partial class Payment
{
    public const string Kind = "payment";

    /// <summary>The fields an approval binds to (the content hash and the diff): what the approvers saw.</summary>
    public static IReadOnlyDictionary<string, string?> ApprovedFields(PaymentState state) => new Dictionary<string, string?>
    {
        ["amount"] = state.Fields.Amount.ToString(),
        ["receivedOn"] = state.Fields.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["planId"] = state.Fields.PlanId?.ToString(),
        ["method"] = state.Fields.Method,
        ["remark"] = state.Fields.Remark,
        ["contractId"] = state.ContractId.ToString(),
        // Never changes (it is the contract's customer); here so PaymentApproved can name it from the record alone.
        ["customerId"] = state.CustomerId.ToString(),
    };

    /// <summary>The payment as the approval engine sees it at <paramref name="version"/>.</summary>
    public static ApprovalRecord Record(PaymentState state, long version) => new(Kind, state.Id, version, state.Status, state.OwnerId,
        FormattableString.Invariant($"Payment of {state.Fields.Amount} received on {state.Fields.ReceivedOn:yyyy-MM-dd}"), ApprovedFields(state));

    /// <summary>Draft and rejected payments may be submitted; a pending or approved one is locked.</summary>
    public static DomainError? CanSubmit(ApprovalRecord record) => record.Status is ApprovalStatus.Draft or ApprovalStatus.Rejected ? null
        : DomainError.Conflict("payment_locked", $"The payment is {record.Status}: only draft or rejected payments are submitted.");

    public static object Submitted(ApprovalRecord record, Guid submissionId, DateTimeOffset at) => new PaymentSubmitted(record.RecordId, submissionId, at);

    public static object Approved(ApprovalRecord record, Guid submissionId, long approvedVersion, DateTimeOffset at)
    {
        var fields = record.ApprovedFields;
        return new PaymentApproved(record.RecordId, Guid.Parse(fields["contractId"]!), Guid.Parse(fields["customerId"]!), submissionId, approvedVersion,
            ParseMoney(fields["amount"]!), DateOnly.ParseExact(fields["receivedOn"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture), at);
    }

    public static object Rejected(ApprovalRecord record, Guid submissionId, string reason, DateTimeOffset at) =>
        new PaymentRejected(record.RecordId, submissionId, reason, at);

    public static object Withdrawn(ApprovalRecord record, Guid submissionId, DateTimeOffset at) => new PaymentWithdrawn(record.RecordId, submissionId, at);

    /// <summary>The payment's amount as the approval record carries it.</summary>
    public static decimal AmountOf(ApprovalRecord record) => ParseMoney(record.ApprovedFields["amount"]!).Amount;

    /// <summary>
    /// Approved payments never add up to more than the contract's amount: 409 payments_exceed_contract naming amount, with the
    /// contract's amount still unpaid (<c>unpaid</c>) in the problem. The approver who meets it need not reach the contract: what is
    /// unpaid is what they need to act, and neither the contract's amount nor its other payments are told.
    /// </summary>
    public static DomainError? ExceedsContract(decimal amount, decimal contractAmount, decimal approved)
    {
        var unpaid = Math.Max(0m, contractAmount - approved);
        if (amount <= unpaid) return null;
        return DomainError.Conflict("payments_exceed_contract", string.Format(CultureInfo.InvariantCulture,
            "amount is more than the {0:0.00} still unpaid on the contract.", unpaid), "amount")
            with { Extensions = new Dictionary<string, object> { ["unpaid"] = unpaid } };
    }

    // Money.ToString's own text, "1234.50 CNY", read back.
    private static Money ParseMoney(string text)
    {
        var space = text.LastIndexOf(' ');
        return new Money(decimal.Parse(text[..space], NumberStyles.Number, CultureInfo.InvariantCulture), text[(space + 1)..]);
    }
}

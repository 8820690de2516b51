using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Payments;

// Writing a payment: record (on an approved contract), edit and delete (draft or rejected only: pending and approved ones are locked).
public static partial class Payment
{
    public static Decision Decide(RecordPayment command, PaymentState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("payment_exists", $"Payment {command.PaymentId} already exists.", "id");
        if (ContractRefusal(command.Contract) is { } refused) return refused;
        var (fields, invalid) = command.Fields.Validate(command.Contract, Today(context));
        if (invalid is not null) return invalid;
        return Decision.Accept(new PaymentRecorded(command.PaymentId, command.Contract.Id, command.Contract.CustomerId, fields!, command.Contract.OwnerId,
            context.Now));
    }

    public static Decision Decide(EditPayment command, PaymentState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.PaymentId);
        if (state.IsLocked) return Locked(state);
        // A draft or rejected payment of a contract voided since is not made ready for approval: it may only be deleted.
        if (ContractRefusal(command.Contract) is { } refused) return refused;
        var (fields, invalid) = command.Fields.Over(state.Fields).Validate(command.Contract, Today(context));
        if (invalid is not null) return invalid;
        return fields == state.Fields ? Decision.Nothing : Decision.Accept(new PaymentEdited(state.Id, fields!, state.Fields));
    }

    public static Decision Decide(DeletePayment command, PaymentState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.PaymentId);
        return state.IsLocked ? Locked(state) : Decision.Accept(new PaymentDeleted(state.Id));
    }

    /// <summary>Money is received on approved contracts only; a voided one takes none.</summary>
    public static DomainError? ContractRefusal(ContractOnFile contract) => contract.Status switch
    {
        ApprovalStatus.Approved => null,
        ApprovalStatus.Voided => DomainError.Conflict("contract_voided", "The contract is voided: it takes no payments.", "contractId"),
        _ => DomainError.Conflict("contract_not_approved", $"The contract is {contract.Status}: payments are recorded on approved contracts only.",
            "contractId"),
    };

    // Dates are UTC days: the CRM has no per-organisation time zone yet.
    public static DateOnly Today(CommandContext context) => DateOnly.FromDateTime(context.Now.UtcDateTime);

    public static DomainError NotFound(Guid id) => Access.RecordAccess.NotFound(PaymentReach.Kind, id);

    private static DomainError Locked(PaymentState state) => DomainError.Conflict("payment_locked",
        $"The payment is {state.Status}: only draft or rejected payments change (withdraw a pending submission first).");
}

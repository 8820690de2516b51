using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Opportunities;

namespace Crm.Write.Contracts;

// Writing a contract (SAL-3): create, edit (fields and amount), lines, delete. Lines are priced exactly as an opportunity's
// (OpportunityLines). Pending and approved contracts refuse changes of the fields an approval binds to (409 contract_locked).
public static partial class Contract
{
    public const int MaxNumberLength = 40;

    public static Decision Decide(CreateContract command, ContractState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("contract_exists", $"Contract {command.ContractId} already exists.", "id");
        var number = command.Number.Trim();
        if (number.Length is 0 or > MaxNumberLength || number.Any(char.IsControl))
            return DomainError.Invalid("number", "number_invalid", $"number is 1 to {MaxNumberLength} printable characters.");
        if (command.NumberTaken) return NumberTaken(number);
        var (fields, invalid) = command.Fields.Validate();
        if (invalid is not null) return invalid;
        var given = command.Currency ?? FirstLineCurrency(command);
        if (given is null) return DomainError.Invalid("currency", "currency_required", "currency is required when no line names a product.");
        var (currency, badCurrency) = OpportunityInput.Currency(given);
        if (badCurrency is not null) return badCurrency;
        if (command.Amount is { } byHand && OpportunityInput.Amount(byHand) is { } badAmount) return badAmount;
        if (command.Opportunity is { } opportunity && opportunity.CustomerId != command.CustomerId) return OpportunityNotOfCustomer(opportunity.Id);
        if (SignatoryRefusal(fields!, command.Signatory, command.CustomerId) is { } badSignatory) return badSignatory;
        var (lines, badLines) = OpportunityLines.Build(command.Lines, currency!, [], command.Products);
        if (badLines is not null) return badLines;

        var amount = command.Amount is { } hand ? new Money(OpportunityLines.Cents(hand), currency!) : OpportunityLines.Total(lines!, currency!);
        return Decision.Accept(new ContractCreated(command.ContractId, number, command.CustomerId, command.Opportunity?.Id, fields!, lines!, amount,
            command.Amount is not null, command.OwnerId, context.Now));
    }

    public static Decision Decide(EditContract command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        if (state.Status == ApprovalStatus.Voided) return Voided();
        var (fields, invalid) = command.Fields.Over(state.Fields).Validate();
        if (invalid is not null) return invalid;
        if (command.Amount is { } byHand && OpportunityInput.Amount(byHand) is { } badAmount) return badAmount;
        var events = new List<object>();
        if (state.Fields.ChangesTo(fields!) is { Count: > 0 } changes)
        {
            if (fields!.SignatoryContactId != state.Fields.SignatoryContactId && SignatoryRefusal(fields, command.Signatory, state.CustomerId) is { } bad)
                return bad;
            events.Add(new ContractEdited(state.Id, changes));
        }
        var amount = command.Amount is { } hand ? new Money(OpportunityLines.Cents(hand), state.Currency)
            : command.AmountFromLines ? OpportunityLines.Total(state.Lines, state.Currency) : null;
        var byHandNow = command.Amount is not null || (!command.AmountFromLines && state.AmountSetByHand);
        if (amount is not null && (amount.Amount != state.Amount.Amount || byHandNow != state.AmountSetByHand))
        {
            if (PlannedMoreThan(state, amount) is { } over) return over;
            events.Add(new ContractAmountSet(state.Id, amount, state.Amount, byHandNow));
        }
        if (events.Count > 0 && state.IsLocked) return Locked(state);
        return Decision.Accept([.. events]);
    }

    public static Decision Decide(ChangeContractLines command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        if (state.Status == ApprovalStatus.Voided) return Voided();
        if (state.IsLocked) return Locked(state);
        var (lines, invalid) = OpportunityLines.Build(command.Lines, state.Currency, state.Lines, command.Products);
        if (invalid is not null) return invalid;
        var amount = state.AmountSetByHand ? state.Amount : OpportunityLines.Total(lines!, state.Currency);
        if (lines!.SequenceEqual(state.Lines) && amount == state.Amount) return Decision.Nothing;
        if (PlannedMoreThan(state, amount) is { } over) return over;
        return Decision.Accept(new ContractLinesChanged(state.Id, lines!, state.Lines, amount, state.Amount));
    }

    /// <summary>Only a draft or a rejected contract is deleted: one that went through approval (or is in it) is voided instead.</summary>
    public static Decision Decide(DeleteContract command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        if (state.Status is not (ApprovalStatus.Draft or ApprovalStatus.Rejected))
            return DomainError.Conflict("contract_not_deletable",
                $"The contract is {state.Status}: only a draft or rejected contract is deleted; void it instead.");
        return Decision.Accept(new ContractDeleted(state.Id));
    }

    /// <summary>Voiding is final and takes any contract but a voided one, an approved one too (its deal goes with it).</summary>
    public static Decision Decide(VoidContract command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        var checks = new FieldChecks();
        var reason = checks.Text("reason", command.Reason, 500, required: true);
        if (DomainError.Invalid(checks.Errors) is { } invalid) return invalid;
        if (state.Status == ApprovalStatus.Voided) return Voided();
        return Decision.Accept(new ContractVoided(state.Id, reason!, state.Status, context.Now));
    }

    private static string? FirstLineCurrency(CreateContract command) =>
        command.Lines.Select(l => l.ProductId is { } id && command.Products.TryGetValue(id, out var p) ? p.Currency : null).FirstOrDefault(c => c is not null);

    private static DomainError? SignatoryRefusal(ContractFields fields, LinkedRecord? found, Guid customerId) =>
        fields.SignatoryContactId is { } id && (found is null || found.Id != id || found.CustomerId != customerId)
            ? DomainError.Unprocessable("signatoryContactId", "signatory_not_of_customer", $"Contact {id} is not a contact of the contract's customer.")
            : null;

    private static DomainError OpportunityNotOfCustomer(Guid id) =>
        DomainError.Unprocessable("opportunityId", "opportunity_not_of_customer", $"Opportunity {id} is not an opportunity of the contract's customer.");

    internal static DomainError NumberTaken(string number) =>
        DomainError.Conflict("contract_number_taken", $"Another contract has the number {number}.", "number");

    internal static DomainError NotFound(Guid id) => DomainError.NotFound("contract_not_found", $"Contract {id} does not exist.");

    internal static DomainError Locked(ContractState state) => DomainError.Conflict("contract_locked",
        $"The contract is {state.Status}: its approved fields (name, dates, signatory, lines, amount) are locked.");

    internal static DomainError Voided() => DomainError.Conflict("contract_voided", "The contract is voided: nothing about it changes any more.");
}

using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Opportunities;

/// <summary>
/// The opportunity decider (SAL-2): one opportunity per stream. This file: create, edit, amount, lines, follow-ups, delete;
/// stages (advance, win, lose, reopen) and ownership (transfer, team) live in the partial files next to it. A closed
/// (won or lost) opportunity refuses changes of its fields, lines and stage until it is reopened.
/// </summary>
public static partial class Opportunity
{
    public const string StreamType = "opportunity";

    public static Decider<OpportunityState> Decider { get; } = new(StreamType, OpportunityState.None, OpportunityState.Evolve);

    public static Decision Decide(CreateOpportunity command, OpportunityState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("opportunity_exists", $"Opportunity {command.OpportunityId} already exists.", "id");
        var (fields, invalid) = command.Fields.Validate();
        if (invalid is not null) return invalid;
        var given = command.Currency ?? FirstLineCurrency(command);
        if (given is null) return DomainError.Invalid("currency", "currency_required", "currency is required when no line names a known product.");
        var (currency, badCurrency) = OpportunityInput.Currency(given);
        if (badCurrency is not null) return badCurrency;
        if (command.Amount is { } byHand && OpportunityInput.Amount(byHand) is { } badAmount) return badAmount;
        var (lines, badLines) = OpportunityLines.Build(command.Lines, currency!, [], command.Products);
        if (badLines is not null) return badLines;
        if (command.Pipeline?.Open.FirstOrDefault() is not { } first) return PipelineMissing();

        var amount = command.Amount is { } hand ? new Money(OpportunityLines.Cents(hand), currency!) : OpportunityLines.Total(lines!, currency!);
        return Decision.Accept(new OpportunityCreated(command.OpportunityId, command.CustomerId, fields!, lines!, amount, command.Amount is not null,
            command.OwnerId, command.Pipeline.Snapshot(first), command.LeadId, context.Now));
    }

    public static Decision Decide(EditOpportunity command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        if (state.IsClosed) return Closed(state);
        var (fields, invalid) = command.Fields.Over(state.Fields).Validate();
        if (invalid is not null) return invalid;
        if (command.Amount is { } byHand && OpportunityInput.Amount(byHand) is { } badAmount) return badAmount;
        var events = new List<object>();
        if (state.Fields.ChangesTo(fields!) is { Count: > 0 } changes) events.Add(new OpportunityEdited(state.Id, changes));
        var amount = command.Amount is { } hand ? new Money(OpportunityLines.Cents(hand), state.Currency)
            : command.AmountFromLines ? OpportunityLines.Total(state.Lines, state.Currency) : null;
        var byHandNow = command.Amount is not null || (!command.AmountFromLines && state.AmountSetByHand);
        if (amount is not null && (amount.Amount != state.Amount.Amount || byHandNow != state.AmountSetByHand))
            events.Add(new OpportunityAmountSet(state.Id, amount, state.Amount, byHandNow));
        return Decision.Accept([.. events]);
    }

    public static Decision Decide(ChangeOpportunityLines command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        if (state.IsClosed) return Closed(state);
        var (lines, invalid) = OpportunityLines.Build(command.Lines, state.Currency, state.Lines, command.Products);
        if (invalid is not null) return invalid;
        var amount = state.AmountSetByHand ? state.Amount : OpportunityLines.Total(lines!, state.Currency);
        if (SameLines(lines!, state.Lines) && amount == state.Amount) return Decision.Nothing;
        return Decision.Accept(new OpportunityLinesChanged(state.Id, lines!, state.Lines, amount, state.Amount));
    }

    public static Decision Decide(FollowUpOpportunity command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        if (FollowUpRules.Check(FollowUpRules.CustomerKinds, command.Kind, command.Content, command.NextContactAt, context.Now) is { } invalid) return invalid;
        return Decision.Accept(new OpportunityFollowedUp(state.Id, state.CustomerId, command.FollowUpId, command.Kind!, command.Content!.Trim(),
            command.NextContactAt, context.Now));
    }

    public static Decision Decide(DeleteOpportunity command, OpportunityState state, CommandContext context) =>
        state.Exists ? Decision.Accept(new OpportunityDeleted(state.Id)) : NotFound(command.OpportunityId);

    private static string? FirstLineCurrency(CreateOpportunity command) =>
        command.Lines.Select(l => l.ProductId is { } id && command.Products.TryGetValue(id, out var p) ? p.Currency : null).FirstOrDefault(c => c is not null);

    // Lines are records holding Money records: compared field by field, not by list reference.
    private static bool SameLines(IReadOnlyList<OpportunityLine> a, IReadOnlyList<OpportunityLine> b) => a.SequenceEqual(b);

    private static DomainError NotFound(Guid id) => DomainError.NotFound("opportunity_not_found", $"Opportunity {id} does not exist.");

    private static DomainError Closed(OpportunityState state) => DomainError.Conflict("opportunity_closed",
        $"The opportunity is {state.Stage.Outcome}: reopen it before changing it.");

    private static DomainError PipelineMissing() => DomainError.Unprocessable("pipelineId", "pipeline_missing",
        "No pipeline with open stages: an administrator sets one up (and a default) under /api/pipelines.");
}

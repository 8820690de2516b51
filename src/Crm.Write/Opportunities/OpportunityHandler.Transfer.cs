using Crm.Write.Access;

namespace Crm.Write.Opportunities;

/// <summary>Several opportunities to one receiver (bulk transfer): the receiver is checked once, then each id is its own transfer.</summary>
public sealed record TransferOpportunities(IReadOnlyList<Guid> OpportunityIds, TransferOpportunity Options);

public sealed partial class OpportunityHandler
{
    public async Task<CommandOutcome> TransferAsync(TransferOpportunity command, Caller caller, CommandRequest request, CancellationToken ct) =>
        await ReceiverRefusal(command, caller, ct) is { } badReceiver
            ? CommandOutcome.Refused(command.OpportunityId, badReceiver)
            : await TransferCheckedAsync(command, caller, request, ct);

    /// <summary>Per id, in the order sent (duplicates once); no outcomes when the receiver is refused for all.</summary>
    public async Task<(DomainError? Refusal, IReadOnlyList<CommandOutcome> Outcomes)> TransferManyAsync(
        TransferOpportunities command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        if (await ReceiverRefusal(command.Options, caller, ct) is { } badReceiver) return (badReceiver, []);
        var outcomes = new List<CommandOutcome>();
        foreach (var id in command.OpportunityIds.Distinct())
            outcomes.Add(await TransferCheckedAsync(command.Options with { OpportunityId = id }, caller, request, ct));
        return (null, outcomes);
    }

    /// <summary>
    /// A system hand-over (a disabled user's open opportunities, after their customers moved with theirs): no caller's reach
    /// applies; the receiver was chosen by the one handing over. Only the leaver's own opportunity moves (a stale id list is harmless).
    /// </summary>
    public Task<CommandOutcome> HandOverAsync(Guid opportunityId, Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(Opportunity.Decider, opportunityId, (s, _, _) => Decided(s.Exists && s.OwnerId == fromUserId && !s.IsClosed
            ? Opportunity.Decide(new TransferOpportunity(opportunityId, toUserId), s, Context(request))
            : Decision.Nothing), request, ct);

    private Task<DomainError?> ReceiverRefusal(TransferOpportunity command, Caller caller, CancellationToken ct) =>
        receivers.CheckAsync(command.NewOwnerId, "toUserId", caller.VisibleOwners("opportunity.transfer"), ct);

    private Task<CommandOutcome> TransferCheckedAsync(TransferOpportunity command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.OpportunityId, "opportunity.transfer", TeamNeed.None, caller, request,
            (s, _) => Decided(Opportunity.Decide(command, s, Context(request))), ct);
}

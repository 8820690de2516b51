using Crm.Write.Access;

namespace Crm.Write.Contracts;

/// <summary>Several contracts to one receiver (bulk transfer): the receiver is checked once, then each id is its own transfer.</summary>
public sealed record TransferContracts(IReadOnlyList<Guid> ContractIds, TransferContract Options);

public sealed partial class ContractHandler
{
    public async Task<CommandOutcome> TransferAsync(TransferContract command, Caller caller, CommandRequest request, CancellationToken ct) =>
        await ReceiverRefusal(command, caller, ct) is { } badReceiver
            ? CommandOutcome.Refused(command.ContractId, badReceiver)
            : await TransferCheckedAsync(command, caller, request, ct);

    /// <summary>Per id, in the order sent (duplicates once); no outcomes when the receiver is refused for all.</summary>
    public async Task<(DomainError? Refusal, IReadOnlyList<CommandOutcome> Outcomes)> TransferManyAsync(
        TransferContracts command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        if (await ReceiverRefusal(command.Options, caller, ct) is { } badReceiver) return (badReceiver, []);
        var outcomes = new List<CommandOutcome>();
        foreach (var id in command.ContractIds.Distinct())
            outcomes.Add(await TransferCheckedAsync(command.Options with { ContractId = id }, caller, request, ct));
        return (null, outcomes);
    }

    private Task<DomainError?> ReceiverRefusal(TransferContract command, Caller caller, CancellationToken ct) =>
        receivers.CheckAsync(command.NewOwnerId, "toUserId", caller.VisibleOwners("contract.transfer"), ct);

    private Task<CommandOutcome> TransferCheckedAsync(TransferContract command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.ContractId, "contract.transfer", TeamNeed.None, caller, request,
            (s, _) => Decided(Contract.Decide(command, s, Context(request))), ct);
}

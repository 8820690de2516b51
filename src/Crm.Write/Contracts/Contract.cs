namespace Crm.Write.Contracts;

/// <summary>
/// The contract decider (SAL-3): one contract per stream. The decide methods live in partial files next to this one, one
/// file per group of commands: writing (create, edit, lines, amount, delete), approval (submit, approve, reject, withdraw —
/// called by the approval engine through <see cref="Approvals.IApprovalSubject"/>), ownership (transfer, team), the payment
/// plan, and voiding. Pending and approved contracts refuse changes of their approved fields (<see cref="ContractState.IsLocked"/>).
/// </summary>
public static partial class Contract
{
    public const string StreamType = "contract";

    public static Decider<ContractState> Decider { get; } = new(StreamType, ContractState.None, ContractState.Evolve);
}

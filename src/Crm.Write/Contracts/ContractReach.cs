using Crm.Write.Access;

namespace Crm.Write.Contracts;

/// <summary>Contracts as the access policy sees them: their owner and their team, exactly as opportunities.</summary>
public static partial class ContractReach
{
    public const string Kind = "contract";

    /// <summary>For commands: the rule applied to the contract as its stream has it (owner, team), inside the command's cycle.</summary>
    public static DomainError? Check(Guid id, ContractState state, Caller caller, string permission, TeamNeed team) =>
        RecordAccess.Reach(caller, OnFile(id, state), permission, team);

    /// <summary>The contract as the access policy sees it, from its stream's state (now, or as of a past moment).</summary>
    public static RecordOnFile OnFile(Guid id, ContractState state) => state.Exists
        ? new RecordOnFile(Kind, id, true, state.OwnerId) { Team = state.Team }
        : RecordOnFile.Missing(Kind, id);
}

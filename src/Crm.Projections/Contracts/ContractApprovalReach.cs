namespace Crm.Projections.Contracts;

/// <summary>Contracts' read rule for the submission lists (<see cref="Approvals.ApprovalRecordReach"/>): the owner in scope, or on the team.</summary>
public static class ContractApprovalReach
{
    // Exactly the contract list's scope: team members see the contract whatever their scope.
    public const string Sql =
        "exists (select 1 from crm.contracts k where k.id = a.record_id and ({all} or k.owner_id = any({owners}) "
        + "or exists (select 1 from crm.contract_team t where t.contract_id = k.id and t.user_id = @me)))";
}

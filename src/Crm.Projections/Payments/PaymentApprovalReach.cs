namespace Crm.Projections.Payments;

/// <summary>
/// Payments' read rule for the submission lists (<see cref="Approvals.ApprovalRecordReach"/>): through their contract — its owner in
/// scope, or its team, as a payment's detail is reached.
/// </summary>
public static class PaymentApprovalReach
{
    public const string Sql =
        "exists (select 1 from crm.payments p where p.id = a.record_id and ({all} or p.owner_id = any({owners}) "
        + "or exists (select 1 from crm.contract_team t where t.contract_id = p.contract_id and t.user_id = @me)))";
}

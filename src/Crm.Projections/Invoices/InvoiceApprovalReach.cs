namespace Crm.Projections.Invoices;

/// <summary>Invoices' read rule for the submission lists (<see cref="Approvals.ApprovalRecordReach"/>): the owner or the requester in scope.</summary>
public static class InvoiceApprovalReach
{
    public const string Sql =
        "exists (select 1 from crm.invoices i where i.id = a.record_id and ({all} or i.owner_id = any({owners}) or i.requested_by = any({owners})))";
}

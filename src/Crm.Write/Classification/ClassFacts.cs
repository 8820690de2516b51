namespace Crm.Write.Classification;

/// <summary>
/// Who may see — and so filter by — the facts under CUS-10's classes (contract and payment counts, dates, spend): they sum contracts
/// and payments of any owner, so only a caller whose contract.list and payment.list scopes are everyone. A filter is a read, one bit at
/// a time: lists, exports, reports and workflow conditions all ask this.
/// </summary>
public static class ClassFacts
{
    public static bool VisibleTo(Caller caller) => caller.VisibleOwners("contract.list").IsAll && caller.VisibleOwners("payment.list").IsAll;
}

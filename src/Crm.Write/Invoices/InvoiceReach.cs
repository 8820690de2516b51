using Crm.Write.Access;

namespace Crm.Write.Invoices;

/// <summary>
/// Invoices as the access policy sees them: owned by their contract's owner at the request, and reached through the user who
/// requested them too (a requester keeps seeing their request after the contract moves on). Invoices have no team.
/// </summary>
public static class InvoiceReach
{
    public const string Kind = "invoice";

    public static DomainError? Check(Guid id, bool exists, Guid ownerId, Guid requestedBy, Caller caller, string permission) =>
        RecordAccess.Reach(caller, exists
            ? new RecordOnFile(Kind, id, true, ownerId) { AlsoReachedThrough = [requestedBy] }
            : RecordOnFile.Missing(Kind, id), permission, TeamNeed.None);

    public static DomainError? Check(InvoiceState state, Guid id, Caller caller, string permission) =>
        Check(id, state.Exists, state.OwnerId, state.RequestedBy, caller, permission);
}

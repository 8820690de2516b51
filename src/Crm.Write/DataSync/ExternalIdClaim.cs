using Crm.EventStore;

namespace Crm.Write.DataSync;

/// <summary>
/// What a create that links its new record to an external id adds to the command's cycle (CommandHandler): before deciding, a
/// look whether the key is linked already (<see cref="IsTakenAsync"/>: then <see cref="LinkedMeanwhile"/>); in the append, the
/// <see cref="Linked"/> event after the create's own events and <see cref="Guard"/> (the key's lock, the look again under it).
/// Two creates of one key therefore commit one record: the second is refused and the upsert updates the first's record.
/// </summary>
public sealed record ExternalIdClaim(ExternalKey Key, Func<Guid, object> Linked, AppendGuard Guard, Func<CancellationToken, Task<bool>> IsTakenAsync)
{
    /// <summary>The refusal of a create whose key another request linked first; the upsert knows it by reference and updates instead.</summary>
    public static DomainError LinkedMeanwhile { get; } =
        DomainError.Conflict("concurrent_change", "Another request linked this external id meanwhile; try again.");
}

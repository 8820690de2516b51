using System.Collections.Immutable;

namespace Crm.Write.Access;

/// <summary>
/// What the access policy needs to know of one record: its kind (for the not-found code), its owner
/// (null while it is in a public pool), the owners whose scope also reaches it (a contact is reached
/// through its customer's owner too) and the team (user id → read / read_write).
/// </summary>
/// <param name="Kind">The record kind in the API's words: customer, contact, lead.</param>
/// <param name="PoolPermission">
/// Who reaches a record in the pool without an all-records scope: customers are read by whoever holds
/// pool.list (changed only with an all-records scope); leads are reached by whoever may claim them.
/// </param>
public sealed record RecordOnFile(string Kind, Guid Id, bool Exists, Guid? OwnerId, PoolReach? PoolPermission = null)
{
    public IReadOnlyList<Guid> AlsoReachedThrough { get; init; } = [];

    public IReadOnlyDictionary<Guid, string> Team { get; init; } = ImmutableDictionary<Guid, string>.Empty;

    public static RecordOnFile Missing(string kind, Guid id) => new(kind, id, false, null);
}

/// <summary>The permission that reaches a pool record, and whether it reaches it only for reading.</summary>
public sealed record PoolReach(string Permission, bool ReadOnly);

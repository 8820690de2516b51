using Crm.EventStore;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Events.Products;
using Crm.Projections.DataSync;

namespace Crm.Write.DataSync;

/// <summary>How an upsert ended: the command's outcome, and whether it created the record (201) rather than updated it (200).</summary>
public sealed record UpsertOutcome(CommandOutcome Outcome, bool Created);

/// <summary>
/// The upsert by external id (docs/integration.md): the key's holder is looked up; none → the kind's own create runs with an
/// <see cref="ExternalIdClaim"/> (its record and the link in one append, under the key's lock); one → the kind's own edit runs on
/// it, with the caller's reach, If-Match and Idempotency-Key as every edit. A create that loses the race to a twin is refused by
/// the claim and the upsert goes round again, now updating the twin's record. A holder the caller cannot reach (outside their
/// scope, or deleted) answers 409 external_id_unavailable, which names no record.
/// </summary>
public sealed class ExternalIdUpserts(ExternalIdQueries ids)
{
    public const string UnavailableCode = "external_id_unavailable";

    public async Task<UpsertOutcome> UpsertAsync(ExternalKey key, CommandRequest request, Func<CommandRequest, Task<CommandOutcome>> create,
        Func<Guid, CommandRequest, Task<CommandOutcome>> update, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var holder = await ids.HolderAsync(key.Kind, key.System, key.Id, ct);
            if (holder is null)
            {
                // If-Match asks for "only if it is still at this version": there is no record to be at it.
                if (request.ExpectedVersion is { } expected) return new(CommandOutcome.Refused(Guid.Empty, CommandHandler.Stale(expected, 0)), false);
                var created = await create(request with { ExternalId = Claim(key) });
                if (ReferenceEquals(created.Error, ExternalIdClaim.LinkedMeanwhile) && attempt < MaxAttempts) continue;
                return new(created, created.Succeeded && (!created.Replayed || await ReplayedCreateAsync(key, created, ct)));
            }
            var updated = await update(holder.RecordId, request);
            if (updated.Error is { Kind: ErrorKind.NotFound, Field: null }) return new(CommandOutcome.Refused(holder.RecordId, Unavailable()), false);
            // A replay of the request that created the record answers 201 again: its version is the link's.
            return new(updated, updated.Succeeded && updated.Replayed && updated.StreamId == holder.RecordId && updated.Version == holder.LinkedVersion);
        }
    }

    private const int MaxAttempts = 3;

    private async Task<bool> ReplayedCreateAsync(ExternalKey key, CommandOutcome outcome, CancellationToken ct) =>
        await ids.HolderAsync(key.Kind, key.System, key.Id, ct) is { } holder && holder.RecordId == outcome.StreamId && holder.LinkedVersion == outcome.Version;

    private ExternalIdClaim Claim(ExternalKey key) => new(key, id => Linked(key, id),
        new AppendGuard([key.LockName], async (connection, tx, t) => await ids.HolderAsync(key.Kind, key.System, key.Id, connection, tx, t) is null),
        async t => await ids.HolderAsync(key.Kind, key.System, key.Id, t) is not null);

    /// <summary>The kind's own linking event.</summary>
    public static object Linked(ExternalKey key, Guid recordId) => key.Kind switch
    {
        ExternalIdKinds.Customer => new CustomerExternalIdLinked(recordId, key.System, key.Id),
        ExternalIdKinds.Lead => new LeadExternalIdLinked(recordId, key.System, key.Id),
        ExternalIdKinds.Contact => new ContactExternalIdLinked(recordId, key.System, key.Id),
        ExternalIdKinds.Product => new ProductExternalIdLinked(recordId, key.System, key.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.Kind, "No record kind of that name takes external ids."),
    };

    /// <summary>The answer for a key whose record the caller cannot reach: the same whoever holds it, so it confirms nothing.</summary>
    public static DomainError Unavailable() =>
        DomainError.Conflict(UnavailableCode, "This external id is linked to a record you cannot change; it cannot be used.", "externalId");
}

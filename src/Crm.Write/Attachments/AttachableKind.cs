using Crm.EventStore;
using Crm.Write.Access;

namespace Crm.Write.Attachments;

/// <summary>What an attachment operation needs of its record: the kind's permission and, for a team member, their access.</summary>
public sealed record RecordNeed(string Permission, TeamNeed Team);

/// <summary>
/// One kind of record that takes attachments (docs/attachments.md): its route segment, its kind (the not-found code's word), and how
/// the record's own access rule is applied — to the read model's row for reads, to the record's stream inside the command's cycle for
/// uploads and deletes. The attachment events go into the record's stream, appended at the version read. Listed in
/// <see cref="AttachableKinds"/>.
/// </summary>
public abstract class AttachableKind(string route, string kind)
{
    /// <summary>The API's plural: /api/{Route}/{id}/attachments.</summary>
    public string Route { get; } = route;

    /// <summary>The record kind in the API's words (lead, customer …): the not-found code and the events' RecordKind.</summary>
    public string Kind { get; } = kind;

    /// <summary>Listing and downloading: the kind's detail permission; a team member with any access.</summary>
    public RecordNeed Reading => new($"{Kind}.detail", TeamNeed.Read);

    /// <summary>Uploading and deleting: the kind's edit permission; a team member with read-write access (else 403 team_read_only).</summary>
    public RecordNeed Editing => new($"{Kind}.edit", TeamNeed.ReadWrite);

    /// <summary>For reads: null when the caller reaches the record as its read model has it; else the refusal (404 outside scope).</summary>
    public abstract Task<DomainError?> ReachAsync(Guid recordId, Caller caller, RecordNeed need, IServiceProvider services, CancellationToken ct);

    /// <summary>
    /// For commands: the record's stream folded (its own state and its attachments), the caller's reach applied to it, then
    /// <paramref name="decide"/>; the events are appended at the version read, so an erasure or a deletion meanwhile makes it run again.
    /// </summary>
    public abstract Task<CommandOutcome> HandleAsync(CommandHandler handler, Guid recordId, Caller caller, RecordNeed need, IServiceProvider services,
        Func<AttachmentSet, Decision> decide, CommandRequest request, AppendGuard? guard, CancellationToken ct);

    /// <summary>A kind whose records are folded by <paramref name="decider"/>.</summary>
    /// <param name="live">Whether the folded record exists and is not deleted.</param>
    /// <param name="onStream">The kind's access rule on the folded record (its Reach class's command check).</param>
    /// <param name="onRow">The kind's access rule on the read model (its Reach class's read check).</param>
    public static AttachableKind Of<TState>(string route, string kind, Decider<TState> decider, Func<TState, bool> live,
        Func<Guid, TState, Caller, RecordNeed, IServiceProvider, CancellationToken, ValueTask<DomainError?>> onStream,
        Func<Guid, Caller, RecordNeed, IServiceProvider, CancellationToken, Task<DomainError?>> onRow) =>
        new Folded<TState>(route, kind, decider, live, onStream, onRow);

    private sealed class Folded<TState>(string route, string kind, Decider<TState> record, Func<TState, bool> live,
        Func<Guid, TState, Caller, RecordNeed, IServiceProvider, CancellationToken, ValueTask<DomainError?>> onStream,
        Func<Guid, Caller, RecordNeed, IServiceProvider, CancellationToken, Task<DomainError?>> onRow) : AttachableKind(route, kind)
    {
        // The record's own fold beside its attachments' (no snapshot: a snapshot holds the record's state only).
        private readonly Decider<(TState Record, AttachmentSet Files)> decider = new(record.StreamType, (record.Initial, AttachmentSet.Empty),
            (state, e) => (record.Evolve(state.Record, e), state.Files.Evolve(e)));

        public override Task<DomainError?> ReachAsync(Guid recordId, Caller caller, RecordNeed need, IServiceProvider services, CancellationToken ct) =>
            onRow(recordId, caller, need, services, ct);

        public override Task<CommandOutcome> HandleAsync(CommandHandler handler, Guid recordId, Caller caller, RecordNeed need,
            IServiceProvider services, Func<AttachmentSet, Decision> decide, CommandRequest request, AppendGuard? guard, CancellationToken ct) =>
            handler.HandleReachedAsync(decider, recordId,
                async (state, t) => live(state.Record)
                    ? await onStream(recordId, state.Record, caller, need, services, t)
                    : RecordAccess.NotFound(Kind, recordId),
                (state, _) => ValueTask.FromResult(decide(state.Files)), request, guard, ct);
    }
}

using Crm.EventStore;
using Crm.Write.Access;
using Crm.Write.Contacts;
using Crm.Write.Leads;

namespace Crm.Write.RecordCare;

/// <summary>
/// Restores of contacts (contact.edit, read-write) and leads (lead.edit): the caller's reach on the record as its stream has it, then
/// If-Match, then the stream up to the version asked, folded, against the record now (<see cref="Restores"/>).
/// </summary>
public sealed class RestoreHandler(CommandHandler handler, EventStore.EventStore store, ContactReach contactReach)
{
    public Task<CommandOutcome> RestoreContactAsync(RestoreRecord command, Caller caller, CommandRequest request, CancellationToken ct) =>
        RunAsync(Contact.Decider, command, request, (state, t) => contactReach.CheckAsync(command.Id, state, caller, "contact.edit", TeamNeed.ReadWrite, t),
            Restores.Decide, ct);

    public Task<CommandOutcome> RestoreLeadAsync(RestoreRecord command, Caller caller, CommandRequest request, CancellationToken ct) =>
        RunAsync(Lead.Decider, command, request, (state, _) => Task.FromResult(LeadReach.Check(state with { Id = command.Id }, caller, "lead.edit")),
            Restores.Decide, ct);

    private Task<CommandOutcome> RunAsync<TState>(Decider<TState> decider, RestoreRecord command, CommandRequest request,
        Func<TState, CancellationToken, Task<DomainError?>> reach, Func<RestoreRecord, TState, long, TState, Decision> decide, CancellationToken ct) =>
        handler.HandleAsync(decider, command.Id, async (state, version, t) =>
        {
            if (await reach(state, t) is { } hidden) return hidden;
            if (request.ExpectedVersion is { } expected && version > 0 && expected != version) return CommandHandler.Stale(expected, version);
            var then = command.Version is >= 1 && command.Version <= version
                ? decider.Fold(decider.Initial, (await store.ReadStreamAsync(command.Id, command.Version, ct: t)).Select(e => e.Data))
                : decider.Initial;
            return decide(command, state, version, then);
        }, request with { ExpectedVersion = null }, ct);
}

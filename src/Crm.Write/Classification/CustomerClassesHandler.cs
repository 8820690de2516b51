using Crm.Events;

namespace Crm.Write.Classification;

/// <summary>
/// The class thresholds' command (CUS-10): the one stream, appended at the version loaded (If-Match, when sent, must be that
/// version). Who may change them is the Host's permission gate (settings.edit).
/// </summary>
public sealed class CustomerClassesHandler(CommandHandler handler, EventStore.EventStore store, TimeProvider clock)
{
    public Task<CommandOutcome> ChangeAsync(ChangeCustomerClasses command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(CustomerClasses.Decider, CustomerClasses.StreamId,
            (state, _, _) => ValueTask.FromResult(CustomerClasses.Decide(command, state, CommandContexts.For(clock, request))), request, ct);

    /// <summary>The thresholds now and the stream's version (0 before the first change), folded from the stream (a handful of events).</summary>
    public async Task<(CustomerClassThresholds State, long Version)> CurrentAsync(CancellationToken ct)
    {
        var folded = await store.AggregateStreamAsync(CustomerClasses.StreamId, CustomerClassThresholds.Defaults,
            (s, e) => CustomerClasses.Evolve(s, e.Data), ct: ct);
        return folded ?? (CustomerClassThresholds.Defaults, 0);
    }
}

using Crm.EventStore;
using Polly;
using Polly.Retry;

namespace Crm.Write;

/// <summary>
/// The one command pipeline: load and fold the stream, decide, append at the loaded version.
/// Without If-Match a lost race is not the client's problem, so the whole cycle runs again on fresh
/// state (the decision may differ); with If-Match the client asked for "only if unchanged", so a race
/// is reported as stale instead.
/// </summary>
public sealed class CommandHandler(EventStore.EventStore store, ResiliencePipeline? conflictRetry = null)
{
    private readonly ResiliencePipeline retry = conflictRetry ?? DefaultConflictRetry;

    public static ResiliencePipeline DefaultConflictRetry { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<ConcurrencyException>(),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(15),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    /// <param name="decide">Decides on the folded state and its version (0: no stream yet); may look up extra inputs.</param>
    public async Task<CommandOutcome> HandleAsync<TState>(
        Decider<TState> decider, Guid streamId, Func<TState, long, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, CancellationToken ct = default)
    {
        if (request.IdempotencyKey is { } key && await store.FindCommandAsync(key, ct) is { } earlier)
            return Replay(streamId, earlier, request);
        try
        {
            return await retry.ExecuteAsync(
                async token => await RunOnceAsync(decider, streamId, decide, request, token), ct);
        }
        catch (ConcurrencyException)
        {
            return CommandOutcome.Refused(streamId, DomainError.Conflict(
                "concurrent_change", "The record kept changing while this command ran; try again."));
        }
    }

    private async Task<CommandOutcome> RunOnceAsync<TState>(
        Decider<TState> decider, Guid streamId, Func<TState, long, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, CancellationToken ct)
    {
        var loaded = await store.AggregateStreamAsync(streamId, decider.Initial, (s, e) => decider.Evolve(s, e.Data), ct: ct);
        var (state, version) = loaded ?? (decider.Initial, 0);
        // A missing record is reported by the decider (404), which tells the client more than 412 would.
        if (request.ExpectedVersion is { } expected && version > 0 && expected != version) return Stale(streamId, expected, version);

        var decision = await decide(state, version, ct);
        if (decision.Error is { } error) return CommandOutcome.Refused(streamId, error);
        if (decision.Events.Count == 0) return new CommandOutcome(streamId, version, false, [], null);

        var append = new StreamAppend(streamId, decider.StreamType,
            version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version), decision.Events);
        var options = new AppendOptions { Metadata = request.Metadata, IdempotencyKey = request.IdempotencyKey, RequestHash = request.RequestHash };
        try
        {
            var result = await store.AppendAsync(append, options, ct);
            // A twin with the same key won the race: answer with what it did, which may be another stream (a fresh server-chosen id).
            if (result.Replayed && await store.FindCommandAsync(request.IdempotencyKey!, ct) is { } twin) return Replay(streamId, twin, request);
            return new CommandOutcome(streamId, result.Versions[0], false, decision.Events, null);
        }
        catch (ConcurrencyException e) when (request.ExpectedVersion is not null)
        {
            return Stale(streamId, request.ExpectedVersion.Value, e.Actual);
        }
        catch (IdempotencyKeyReusedException)
        {
            return CommandOutcome.Refused(streamId, KeyReused());
        }
    }

    private static CommandOutcome Replay(Guid streamId, CommandRecord earlier, CommandRequest request)
    {
        if (request.RequestHash is not null && earlier.RequestHash is not null && earlier.RequestHash != request.RequestHash)
            return CommandOutcome.Refused(streamId, KeyReused());
        return new CommandOutcome(earlier.StreamIds[0], earlier.Versions[0], true, [], null);
    }

    private static DomainError KeyReused() => DomainError.Unprocessable(
        "Idempotency-Key", "idempotency_key_reused", "This Idempotency-Key was already used for a different request.");

    private static CommandOutcome Stale(Guid streamId, long expected, long actual) => CommandOutcome.Refused(streamId, new DomainError(
        "stale_version", $"The record is at version {actual}, not {expected}: reload it and try again.", ErrorKind.Stale, "If-Match"));
}

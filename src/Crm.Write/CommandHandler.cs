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
            ShouldHandle = new PredicateBuilder().Handle<ConcurrencyException>().Handle<FactsChangedException>(),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(15),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    /// <param name="decide">Decides on the folded state and its version (0: no stream yet); may look up extra inputs.</param>
    public Task<CommandOutcome> HandleAsync<TState>(
        Decider<TState> decider, Guid streamId, Func<TState, long, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, CancellationToken ct = default) =>
        HandleAsync(decider, streamId, decide, request, newStream: false, guard: null, freshId: false, ct);

    /// <summary>
    /// A command on an existing stream whose rule across records a <paramref name="guard"/> locks and re-checks in the append's
    /// transaction.
    /// </summary>
    public Task<CommandOutcome> HandleAsync<TState>(
        Decider<TState> decider, Guid streamId, Func<TState, long, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, AppendGuard? guard, CancellationToken ct = default) =>
        HandleAsync(decider, streamId, decide, request, newStream: false, guard, freshId: false, ct);

    /// <summary>
    /// A command on a record the caller must reach: <paramref name="reach"/> runs first, on the record as its stream has it,
    /// then If-Match, then <paramref name="decide"/>. A hidden record answers its 404 whatever else is wrong: a stale version
    /// checked first would confirm that it exists.
    /// </summary>
    public Task<CommandOutcome> HandleReachedAsync<TState>(
        Decider<TState> decider, Guid streamId, Func<TState, CancellationToken, ValueTask<DomainError?>> reach,
        Func<TState, CancellationToken, ValueTask<Decision>> decide, CommandRequest request, AppendGuard? guard, CancellationToken ct) =>
        HandleAsync(decider, streamId, async (state, version, t) =>
            await reach(state, t) is { } hidden ? hidden
            : request.ExpectedVersion is { } expected && version > 0 && expected != version ? Stale(expected, version)
            : await decide(state, t), request with { ExpectedVersion = null }, newStream: false, guard, freshId: false, ct);

    /// <summary>
    /// <see cref="HandleAsync{TState}(Decider{TState}, Guid, Func{TState, long, CancellationToken, ValueTask{Decision}}, CommandRequest, CancellationToken)"/>
    /// for a command that starts its stream (a create at a client-chosen or fresh id): a stream that
    /// exists already, of whatever kind, is refused as <see cref="TakenIds"/> before anything is decided.
    /// A <paramref name="guard"/> locks and re-checks, inside the append's transaction, the facts a rule
    /// across records rests on (no duplicate); when they changed the whole cycle runs again.
    /// </summary>
    public Task<CommandOutcome> CreateAsync<TState>(
        Decider<TState> decider, Guid streamId, Func<TState, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, AppendGuard? guard, CancellationToken ct = default) =>
        CreateAsync(decider, streamId, decide, request, guard, freshId: false, ct);

    /// <param name="freshId">The id was made for this command (a new UUIDv7), so no stream can have it: nothing to load first.</param>
    public Task<CommandOutcome> CreateAsync<TState>(
        Decider<TState> decider, Guid streamId, Func<TState, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, AppendGuard? guard, bool freshId, CancellationToken ct) =>
        HandleAsync(decider, streamId, (state, _, t) => decide(state, t), request, newStream: true, guard, freshId, ct);

    /// <summary>A create that no rule across records guards.</summary>
    public Task<CommandOutcome> CreateAsync<TState>(
        Decider<TState> decider, Guid streamId, Func<TState, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, CancellationToken ct = default) =>
        CreateAsync(decider, streamId, decide, request, guard: null, ct);

    private async Task<CommandOutcome> HandleAsync<TState>(
        Decider<TState> decider, Guid streamId, Func<TState, long, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, bool newStream, AppendGuard? guard, bool freshId, CancellationToken ct)
    {
        if (request.IdempotencyKey is { } key && await store.FindCommandAsync(key, ct) is { } earlier)
            return Replay(streamId, earlier, request);
        CommandOutcome outcome;
        try
        {
            outcome = await retry.ExecuteAsync(
                async token => await RunOnceAsync(decider, streamId, decide, request, newStream, guard, freshId, token), ct);
        }
        catch (Exception e) when (e is ConcurrencyException or FactsChangedException)
        {
            outcome = CommandOutcome.Refused(streamId, DomainError.Conflict(
                "concurrent_change", "The record kept changing while this command ran; try again."));
        }
        return await TwinOrAsync(streamId, outcome, request, ct);
    }

    /// <summary>
    /// A refused keyed command looks in the command log once more: a twin with the same key that
    /// committed after the first look (its record now "exists", its stream moved on) is this request's
    /// answer, not the refusal its success caused.
    /// </summary>
    private async Task<CommandOutcome> TwinOrAsync(Guid streamId, CommandOutcome outcome, CommandRequest request, CancellationToken ct) =>
        outcome.Error is not null && request.IdempotencyKey is { } key && await store.FindCommandAsync(key, ct) is { } twin
            ? Replay(streamId, twin, request)
            : outcome;

    private async Task<CommandOutcome> RunOnceAsync<TState>(
        Decider<TState> decider, Guid streamId, Func<TState, long, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, bool newStream, AppendGuard? guard, bool freshId, CancellationToken ct)
    {
        // A fresh id has no stream; were it ever taken, the append's "no stream yet" check refuses it below (TakenIds).
        var loaded = freshId ? null : await store.LoadAsync(decider, streamId, ct);
        var (state, version) = loaded ?? (decider.Initial, 0);
        if (newStream && version > 0) return CommandOutcome.Refused(streamId, TakenIds.Refusal());
        // A missing record is reported by the decider (404), which tells the client more than 412 would.
        if (request.ExpectedVersion is { } expected && version > 0 && expected != version) return Stale(streamId, expected, version);
        // A create that links an external id: refused at once when the id is linked already (the upsert then updates that record).
        var claim = newStream ? request.ExternalId : null;
        if (claim is not null && await claim.IsTakenAsync(ct)) return CommandOutcome.Refused(streamId, DataSync.ExternalIdClaim.LinkedMeanwhile);

        var decision = await decide(state, version, ct);
        if (decision.Error is { } error) return CommandOutcome.Refused(streamId, error);
        if (decision.Events.Count == 0) return new CommandOutcome(streamId, version, false, [], null);

        IReadOnlyList<object> events = claim is null ? decision.Events : [.. decision.Events, claim.Linked(streamId)];
        var append = new StreamAppend(streamId, decider.StreamType,
            version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version), events);
        var options = new AppendOptions
        {
            Metadata = request.Metadata, IdempotencyKey = request.IdempotencyKey, RequestHash = request.RequestHash,
            Guard = claim is null ? guard : claim.Guard.And(guard), Erasure = decision.Erasure,
        };
        try
        {
            var result = await store.AppendAsync(decision.Checks.Count == 0 ? [append] : [append, .. decision.Checks], options, ct);
            // A twin with the same key won the race: answer with what it did, which may be another stream (a fresh server-chosen id).
            if (result.Replayed && await store.FindCommandAsync(request.IdempotencyKey!, ct) is { } twin) return Replay(streamId, twin, request);
            return new CommandOutcome(streamId, result.Versions[0], false, events, null) { WrittenAt = result.Timestamp };
        }
        catch (ConcurrencyException e) when (request.ExpectedVersion is not null && e.StreamId == streamId)
        {
            return Stale(streamId, request.ExpectedVersion.Value, e.Actual);
        }
        catch (ConcurrencyException e) when (newStream && e.StreamId == streamId)
        {
            // Another request took the id between the load and the append: a new look finds the stream and refuses the id.
            return CommandOutcome.Refused(streamId, TakenIds.Refusal());
        }
        catch (IdempotencyKeyReusedException)
        {
            return CommandOutcome.Refused(streamId, KeyReused());
        }
    }

    /// <summary>
    /// The same pipeline for a decision that appends to several streams in one transaction (a cascading
    /// transfer, a conversion, a default moving between scenes): <paramref name="plan"/> loads what it
    /// needs, checks If-Match against the record's version (<see cref="Stale(long, long)"/>) and decides;
    /// every stream is appended at the version it was read at. The outcome is <paramref name="streamId"/>'s.
    /// A lost race plans again on fresh state (a conflict on the record itself under If-Match is stale
    /// instead). <paramref name="refusal"/> turns a failure no retry can cure into the client's error (an
    /// id already taken); <paramref name="lostRace"/> names other failures that mean a lost race (a unique
    /// rule broken at commit) and the error to answer when the retries run out.
    /// </summary>
    public async Task<CommandOutcome> HandleManyAsync(
        Guid streamId, Func<CancellationToken, Task<MultiStreamPlan>> plan, CommandRequest request, CancellationToken ct,
        Func<Exception, DomainError?>? refusal = null, Func<Exception, DomainError?>? lostRace = null, AppendGuard? guard = null)
    {
        if (request.IdempotencyKey is { } key && await store.FindCommandAsync(key, ct) is { } earlier)
            return Replay(streamId, earlier, request);
        var outcome = await RunManyAsync(streamId, plan, request, refusal, lostRace, guard, ct);
        return await TwinOrAsync(streamId, outcome, request, ct);
    }

    private async Task<CommandOutcome> RunManyAsync(
        Guid streamId, Func<CancellationToken, Task<MultiStreamPlan>> plan, CommandRequest request,
        Func<Exception, DomainError?>? refusal, Func<Exception, DomainError?>? lostRace, AppendGuard? guard, CancellationToken ct)
    {
        var options = new AppendOptions
        {
            Metadata = request.Metadata, IdempotencyKey = request.IdempotencyKey, RequestHash = request.RequestHash, Guard = guard,
        };
        for (var attempt = 1; ; attempt++)
        {
            var (decision, versions, version, own) = await plan(ct);
            if (decision.Error is { } error) return CommandOutcome.Refused(streamId, error);
            if (decision.Changes.Count == 0) return new CommandOutcome(streamId, version, false, [], null);
            var appends = decision.Changes.Select(c => new StreamAppend(c.StreamId, c.StreamType,
                versions.TryGetValue(c.StreamId, out var v) && v > 0 ? ExpectedVersion.Exactly(v) : ExpectedVersion.NoStream, c.Events))
                .Concat(decision.Checks).ToList();
            try
            {
                var result = await store.AppendAsync(appends, own is null ? options : options with { Guard = own }, ct);
                if (result.Replayed && await store.FindCommandAsync(request.IdempotencyKey!, ct) is { } twin) return Replay(streamId, twin, request);
                var mine = appends.FindIndex(a => a.StreamId == streamId);
                return mine < 0
                    ? new CommandOutcome(streamId, version, false, [], null)
                    : new CommandOutcome(streamId, result.Versions[mine], false, decision.Changes[mine].Events, null);
            }
            catch (Exception e) when (e is ConcurrencyException or IdempotencyKeyReusedException or FactsChangedException
                                      || refusal?.Invoke(e) is not null || lostRace?.Invoke(e) is not null)
            {
                if (e is IdempotencyKeyReusedException) return CommandOutcome.Refused(streamId, KeyReused());
                if (refusal?.Invoke(e) is { } refused) return CommandOutcome.Refused(streamId, refused);
                if (e is ConcurrencyException conflict && request.ExpectedVersion is { } expected && conflict.StreamId == streamId)
                    return Stale(streamId, expected, conflict.Actual);
                if (attempt > MaxManyRetries)
                {
                    return CommandOutcome.Refused(streamId, lostRace?.Invoke(e) ?? DomainError.Conflict(
                        "concurrent_change", "The records kept changing while this command ran; try again."));
                }
            }
            // Another request changed one of the streams between our read and our append: plan again, after a short jittered pause.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 15 << attempt)), ct);
        }
    }

    private const int MaxManyRetries = 4;

    /// <summary>The refusal for an If-Match that no longer holds: the record is at <paramref name="actual"/>.</summary>
    public static DomainError Stale(long expected, long actual) => new(
        "stale_version", $"The record is at version {actual}, not {expected}: reload it and try again.", ErrorKind.Stale, "If-Match");

    /// <summary>
    /// The first answer of a keyed request already carried out, or null. For handlers that check facts outside the command's
    /// cycle before calling it (a create's customer, owner): a retry with its key must answer what the first did, even when
    /// those facts have changed since.
    /// </summary>
    public async Task<CommandOutcome?> ReplayedAsync(Guid streamId, CommandRequest request, CancellationToken ct) =>
        request.IdempotencyKey is { } key && await store.FindCommandAsync(key, ct) is { } earlier ? Replay(streamId, earlier, request) : null;

    private static CommandOutcome Replay(Guid streamId, CommandRecord earlier, CommandRequest request)
    {
        if (request.RequestHash is not null && earlier.RequestHash is not null && earlier.RequestHash != request.RequestHash)
            return CommandOutcome.Refused(streamId, KeyReused());
        // The command's own record when it was among the streams written, else the first (a fresh server-chosen id).
        var index = Math.Max(0, Array.IndexOf(earlier.StreamIds.ToArray(), streamId));
        return new CommandOutcome(earlier.StreamIds[index], earlier.Versions[index], true, [], null);
    }

    private static DomainError KeyReused() => DomainError.Unprocessable(
        "Idempotency-Key", "idempotency_key_reused", "This Idempotency-Key was already used for a different request.");

    private static CommandOutcome Stale(Guid streamId, long expected, long actual) => CommandOutcome.Refused(streamId, Stale(expected, actual));
}

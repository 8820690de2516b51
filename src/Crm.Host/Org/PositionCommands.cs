using Crm.EventStore;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Org;
using Npgsql;

namespace Crm.Host.Org;

/// <summary>
/// Runs the position commands. Everything that reads the org tree to decide (department exists,
/// superior chain, usage) runs under the org tree lock, so a department cannot be deleted while a
/// position is being put into it, and two superior changes cannot together close a cycle.
/// </summary>
public sealed class PositionCommands(
    CommandHandler handler, PositionQueries positions, DepartmentQueries departments, EventStore.EventStore store,
    NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<CommandOutcome> CreateAsync(Guid id, CreatePositionRequest body, CommandRequest request, CancellationToken ct)
    {
        await using var treeLock = await OrgTreeLock.AcquireAsync(dataSource, ct);
        return await handler.CreateAsync(Position.Decider, id, async (state, token) =>
            Position.Decide(await CreateCommandAsync(id, body.Name, body.DepartmentId, body.SuperiorPositionId, token), state, Context(request)), request, ct);
    }

    public async Task<CommandOutcome> ChangeAsync(Guid id, UpdatePositionRequest body, CommandRequest request, CancellationToken ct)
    {
        await using var treeLock = body.DepartmentId is null ? null : await OrgTreeLock.AcquireAsync(dataSource, ct);
        return await handler.HandleAsync(Position.Decider, id, async (state, _, token) =>
        {
            var departmentExists = body.DepartmentId is { } department && await departments.GetAsync(department, token) is not null;
            return Position.Decide(new ChangePosition(id, body.Name, body.DepartmentId, departmentExists), state, Context(request));
        }, request, ct);
    }

    public async Task<CommandOutcome> SetSuperiorAsync(Guid id, SetSuperiorPositionRequest body, CommandRequest request, CancellationToken ct)
    {
        await using var treeLock = await OrgTreeLock.AcquireAsync(dataSource, ct);
        return await handler.HandleAsync(Position.Decider, id, async (state, _, token) =>
        {
            var chain = body.SuperiorPositionId is { } superior ? await positions.SuperiorChainAsync(superior, token) : null;
            return Position.Decide(new SetSuperiorPosition(id, body.SuperiorPositionId, chain), state, Context(request));
        }, request, ct);
    }

    // The user-directory lock (after the tree lock, as department deletion does) keeps a user from
    // being given the position between the count and the deletion.
    public async Task<CommandOutcome> DeleteAsync(Guid id, CommandRequest request, CancellationToken ct)
    {
        await using var treeLock = await OrgTreeLock.AcquireAsync(dataSource, ct);
        await using var usersLock = await UserDirectoryLock.AcquireAsync(dataSource, ct);
        return await handler.HandleAsync(Position.Decider, id, async (state, _, token) =>
        {
            var (holders, subordinates) = await positions.UsageAsync(id, token);
            return Position.Decide(new DeletePosition(id, holders, subordinates), state, Context(request));
        }, request, ct);
    }

    /// <summary>
    /// "Insert a superior position": a new position takes the place of the position's superior, and
    /// the position now reports to it. Both streams are appended in one transaction at the versions
    /// read, so either both changes happen or neither.
    /// </summary>
    /// <returns>The outcome for the new position; an error from either decision.</returns>
    public async Task<CommandOutcome> InsertSuperiorAsync(Guid positionId, Guid newId, InsertSuperiorPositionRequest body, CommandRequest request, CancellationToken ct)
    {
        await using var treeLock = await OrgTreeLock.AcquireAsync(dataSource, ct);
        return await handler.HandleManyAsync(newId, async t =>
        {
            var loaded = await store.AggregateStreamAsync(positionId, Position.Decider.Initial, (s, e) => Position.Decider.Evolve(s, e.Data), ct: t);
            var (below, belowVersion) = loaded ?? (Position.Decider.Initial, 0);
            if (!below.Live) return MultiStreamPlan.Refuse(DomainError.NotFound("position_not_found", $"Position {positionId} does not exist."));
            if (request.ExpectedVersion is { } expected && expected != belowVersion) return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, belowVersion));

            var create = await CreateCommandAsync(newId, body.Name, body.DepartmentId ?? below.DepartmentId, below.SuperiorPositionId, t);
            var created = Position.Decide(create, PositionState.None, Context(request));
            if (created.Error is { } createError) return MultiStreamPlan.Refuse(createError);
            // The new position is not in the read model yet; its own chain is itself plus the old superior's chain.
            var chain = new List<Guid> { newId };
            if (below.SuperiorPositionId is { } old) chain.AddRange(await positions.SuperiorChainAsync(old, t) ?? []);
            var relinked = Position.Decide(new SetSuperiorPosition(positionId, newId, chain), below, Context(request));
            if (relinked.Error is { } relinkError) return MultiStreamPlan.Refuse(relinkError);
            return new MultiStreamPlan(new MultiStreamDecision(
                [new StreamChange(newId, Position.StreamType, created.Events), new StreamChange(positionId, Position.StreamType, relinked.Events)], null),
                new Dictionary<Guid, long> { [positionId] = belowVersion }, 0);
        }, request, ct,
        refusal: e => e is ConcurrencyException { } taken && taken.StreamId == newId
            ? TakenIds.Refusal()
            : null);
    }

    private async Task<CreatePosition> CreateCommandAsync(Guid id, string? name, Guid? departmentId, Guid? superiorId, CancellationToken ct)
    {
        var departmentExists = departmentId is { } department && await departments.GetAsync(department, ct) is not null;
        var superiorExists = superiorId is { } superior && await positions.GetAsync(superior, ct) is not null;
        return new CreatePosition(id, name, departmentId, departmentExists, superiorId, superiorExists);
    }

    private CommandContext Context(CommandRequest request) => CommandRequests.Context(clock, request);
}

using Crm.EventStore;
using Crm.Projections.Org;
using Npgsql;

namespace Crm.Write.Org;

/// <summary>A new position; the handler finds out whether its department and superior exist.</summary>
public sealed record AddPosition(Guid? PositionId, string? Name, Guid? DepartmentId, Guid? SuperiorPositionId);

/// <summary>Rename a position or move it to another department (null: unchanged).</summary>
public sealed record EditPosition(Guid PositionId, string? Name, Guid? DepartmentId);

/// <summary>Make a position report to another one (null: to none); the handler reads the superior's chain.</summary>
public sealed record ReportTo(Guid PositionId, Guid? SuperiorPositionId);

/// <summary>Delete a position nobody holds and nobody reports to.</summary>
public sealed record RemovePosition(Guid PositionId);

/// <summary>"Insert a superior position": a new position takes the place of the position's superior, and the position reports to it.</summary>
public sealed record InsertSuperior(Guid PositionId, Guid? NewPositionId, string? Name, Guid? DepartmentId);

/// <summary>
/// The position commands (ORG-3). Everything that reads the tree to decide (department exists, superior
/// chain, usage) is guarded under the tree lock inside the append's transaction, so a department cannot
/// be deleted while a position is put into it, and two superior changes cannot together close a cycle.
/// </summary>
public sealed class PositionHandler(CommandHandler handler, EventStore.EventStore store, NpgsqlDataSource dataSource, TimeProvider clock)
{
    private sealed record Placement(bool DepartmentExists, bool SuperiorExists);

    public Task<CommandOutcome> AddAsync(AddPosition command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.PositionId ?? Guid.CreateVersion7();
        var placement = PlacementCheck(command.DepartmentId, command.SuperiorPositionId);
        return handler.CreateAsync(Position.Decider, id, async (state, t) =>
        {
            var (departmentExists, superiorExists) = await placement.ReadAsync(t);
            var create = new CreatePosition(id, command.Name, command.DepartmentId, departmentExists, command.SuperiorPositionId, superiorExists);
            return Position.Decide(create, state, CommandContexts.For(clock, request));
        }, request, placement.Guard, ct);
    }

    public Task<CommandOutcome> EditAsync(EditPosition command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var department = new OrgCheck<bool>(dataSource, (facts, t) => facts.DepartmentExistsAsync(command.DepartmentId, t), OrgLocks.Tree);
        return handler.HandleAsync(Position.Decider, command.PositionId, async (state, _, t) =>
            Position.Decide(new ChangePosition(command.PositionId, command.Name, command.DepartmentId, await department.ReadAsync(t)), state,
                CommandContexts.For(clock, request)),
            request, command.DepartmentId is null ? null : department.Guard, ct);
    }

    public Task<CommandOutcome> ReportToAsync(ReportTo command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var chain = new OrgCheck<IReadOnlyList<Guid>?>(dataSource, (facts, t) =>
            command.SuperiorPositionId is { } superior ? facts.PositionChainAsync(superior, t) : Task.FromResult<IReadOnlyList<Guid>?>(null), OrgLocks.Tree);
        return handler.HandleAsync(Position.Decider, command.PositionId, async (state, _, t) =>
            Position.Decide(new SetSuperiorPosition(command.PositionId, command.SuperiorPositionId, await chain.ReadAsync(t)), state,
                CommandContexts.For(clock, request)),
            request, chain.Guard, ct);
    }

    // The user-directory lock (beside the tree lock) keeps a user from being given the position between the count and the deletion.
    public Task<CommandOutcome> RemoveAsync(RemovePosition command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var usage = new OrgCheck<PositionUsage>(dataSource, (facts, t) => facts.PositionUsageAsync(command.PositionId, t), OrgLocks.Tree, OrgLocks.Users);
        return handler.HandleAsync(Position.Decider, command.PositionId, async (state, _, t) =>
        {
            var (holders, subordinates) = await usage.ReadAsync(t);
            return Position.Decide(new DeletePosition(command.PositionId, holders, subordinates), state, CommandContexts.For(clock, request));
        }, request, usage.Guard, ct);
    }

    /// <summary>
    /// Both streams are appended in one transaction at the versions read, so either both changes happen
    /// or neither; the new position's placement and the old superior's chain are guarded like a create's.
    /// </summary>
    /// <returns>The outcome for the new position; an error from either decision.</returns>
    public Task<CommandOutcome> InsertSuperiorAsync(InsertSuperior command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var (positionId, newId) = (command.PositionId, command.NewPositionId ?? Guid.CreateVersion7());
        Guid? departmentId = null, oldSuperior = null;
        var facts = new OrgCheck<(Placement, IReadOnlyList<Guid>?)>(dataSource, async (f, t) =>
            (await PlacementAsync(f, departmentId, oldSuperior, t), oldSuperior is { } old ? await f.PositionChainAsync(old, t) : null), OrgLocks.Tree);
        return handler.HandleManyAsync(newId, async t =>
        {
            var loaded = await store.AggregateStreamAsync(positionId, Position.Decider.Initial, (s, e) => Position.Decider.Evolve(s, e.Data), ct: t);
            var (below, belowVersion) = loaded ?? (Position.Decider.Initial, 0);
            if (!below.Live) return MultiStreamPlan.Refuse(DomainError.NotFound("position_not_found", $"Position {positionId} does not exist."));
            if (request.ExpectedVersion is { } expected && expected != belowVersion)
                return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, belowVersion));

            (departmentId, oldSuperior) = (command.DepartmentId ?? below.DepartmentId, below.SuperiorPositionId);
            var (placement, oldChain) = await facts.ReadAsync(t);
            var create = new CreatePosition(newId, command.Name, departmentId, placement.DepartmentExists, oldSuperior, placement.SuperiorExists);
            var created = Position.Decide(create, PositionState.None, CommandContexts.For(clock, request));
            if (created.Error is { } createError) return MultiStreamPlan.Refuse(createError);
            // The new position is not in the read model yet; its own chain is itself plus the old superior's chain.
            var relinked = Position.Decide(new SetSuperiorPosition(positionId, newId, [newId, .. oldChain ?? []]), below, CommandContexts.For(clock, request));
            if (relinked.Error is { } relinkError) return MultiStreamPlan.Refuse(relinkError);
            return new MultiStreamPlan(new MultiStreamDecision(
                [new StreamChange(newId, Position.StreamType, created.Events), new StreamChange(positionId, Position.StreamType, relinked.Events)], null),
                new Dictionary<Guid, long> { [positionId] = belowVersion }, 0);
        }, request, ct, refusal: e => e is ConcurrencyException { } taken && taken.StreamId == newId ? TakenIds.Refusal() : null, guard: facts.Guard);
    }

    private OrgCheck<Placement> PlacementCheck(Guid? departmentId, Guid? superiorId) =>
        new(dataSource, (facts, t) => PlacementAsync(facts, departmentId, superiorId, t), OrgLocks.Tree);

    private static async Task<Placement> PlacementAsync(OrgFacts facts, Guid? departmentId, Guid? superiorId, CancellationToken ct) =>
        new(await facts.DepartmentExistsAsync(departmentId, ct), await facts.PositionExistsAsync(superiorId, ct));
}

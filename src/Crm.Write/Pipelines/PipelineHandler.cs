using Crm.EventStore;
using Crm.Projections.Pipelines;
using Npgsql;

namespace Crm.Write.Pipelines;

/// <summary>A new pipeline as the caller asks for it; <paramref name="PipelineId"/> is the client's choice when not null.</summary>
public sealed record AddPipeline(Guid? PipelineId, string? Name, IReadOnlyList<StageInput>? Stages, bool MakeDefault);

/// <summary>Rename a pipeline and/or replace its stages (null: unchanged).</summary>
public sealed record ChangePipeline(Guid PipelineId, string? Name, IReadOnlyList<StageInput>? Stages);

public sealed record ChooseDefaultPipeline(Guid PipelineId);

public sealed record RemovePipeline(Guid PipelineId);

/// <summary>
/// The pipeline commands (SAL-2), for callers holding pipeline.edit (pipelines are shared: no data scope). The one-default
/// and unique-name rules read the other pipelines from crm.pipelines; the table's deferred constraints catch a racing
/// request at commit, which answers as the rule it broke. Creating a default and making one the default touch two streams
/// (the new default and the previous one), appended in one transaction at the versions loaded.
/// </summary>
public sealed class PipelineHandler(CommandHandler handler, EventStore.EventStore store, PipelineQueries pipelines)
{
    /// <summary>The default pipeline made at first start, the same id in every installation.</summary>
    public static readonly Guid StandardId = new("0190f1c0-0000-7000-8000-0000000000a1");

    public Task<CommandOutcome> CreateAsync(AddPipeline command, Caller caller, CommandRequest request, CancellationToken ct) =>
        CreateAsync(command, request, ct);

    private Task<CommandOutcome> CreateAsync(AddPipeline command, CommandRequest request, CancellationToken ct)
    {
        var id = command.PipelineId ?? Guid.CreateVersion7();
        return MultiStreamAsync(id, request, async t =>
        {
            var siblings = await SiblingsAsync(t);
            var versions = await DefaultVersionsAsync(siblings, t);
            var loaded = await LoadAsync(id, t);
            if (loaded.Version > 0) return MultiStreamPlan.Refuse(TakenIds.Refusal());
            var create = new CreatePipeline(id, command.Name, command.Stages, command.MakeDefault, siblings);
            return new MultiStreamPlan(Pipeline.Decide(create, loaded.State, Guid.CreateVersion7), versions, loaded.Version);
        }, ct);
    }

    public async Task<CommandOutcome> EditAsync(ChangePipeline command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        try
        {
            return await handler.HandleAsync(Pipeline.Decider, command.PipelineId, async (state, _, t) =>
            {
                var siblings = command.Name is null ? [] : await SiblingsAsync(t);
                return Pipeline.Decide(new EditPipeline(command.PipelineId, command.Name, command.Stages, siblings), state, Guid.CreateVersion7);
            }, request, ct);
        }
        catch (PostgresException e) when (Violates(e))
        {
            return CommandOutcome.Refused(command.PipelineId, Raced(e));
        }
    }

    public Task<CommandOutcome> MakeDefaultAsync(ChooseDefaultPipeline command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.PipelineId;
        return MultiStreamAsync(id, request, async t =>
        {
            var (state, version) = await LoadAsync(id, t);
            if (!state.Exists) return MultiStreamPlan.Refuse(Pipeline.NotFound(id));
            if (request.ExpectedVersion is { } expected && expected != version) return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, version));
            var siblings = await SiblingsAsync(t);
            var versions = await DefaultVersionsAsync(siblings, t);
            versions[id] = version;
            var previous = siblings.FirstOrDefault(s => s.IsDefault && s.Id != id) is { } p ? (await LoadAsync(p.Id, t)).State : null;
            return new MultiStreamPlan(Pipeline.Decide(new MakePipelineDefault(id, previous), state), versions, version);
        }, ct);
    }

    // The open opportunities are counted from crm.opportunities (inline), then counted again in the append's transaction after
    // locking the pipeline's row FOR UPDATE; an opportunity create, advance or reopen reads that row FOR SHARE in its own append,
    // so one of the two waits for the other and sees what it did (docs/sales.md, "Races").
    public Task<CommandOutcome> DeleteAsync(RemovePipeline command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        long counted = 0;
        var stillNone = new AppendGuard([], async (connection, tx, t) =>
            await pipelines.OpenOpportunitiesAsync(command.PipelineId, connection, tx, t) == counted);
        return handler.HandleAsync(Pipeline.Decider, command.PipelineId, async (state, _, t) =>
        {
            counted = state.Exists ? await pipelines.OpenOpportunitiesAsync(command.PipelineId, t) : 0;
            return Pipeline.Decide(new DeletePipeline(command.PipelineId, counted), state);
        }, request, stillNone, ct);
    }

    /// <summary>
    /// Creates the standard pipeline (initial contact 10 %, needs analysis 30 %, quotation 60 %, negotiation 80 %, won, lost) as the
    /// default when no pipeline is the default; true when this call created it.
    /// </summary>
    public async Task<bool> EnsureStandardAsync(CancellationToken ct)
    {
        if (await pipelines.DefaultAsync(ct) is not null) return false;
        var outcome = await CreateAsync(new AddPipeline(StandardId, StandardPipeline.Name, StandardPipeline.Stages, MakeDefault: true),
            new CommandRequest(), ct);
        return outcome.Error is null && outcome.Events.Count > 0;
    }

    private Task<CommandOutcome> MultiStreamAsync(Guid id, CommandRequest request, Func<CancellationToken, Task<MultiStreamPlan>> plan, CancellationToken ct) =>
        handler.HandleManyAsync(id, plan, request, ct,
            // A new pipeline's id taken between the load and the append (only a create starts a pipeline's stream).
            refusal: e => e is ConcurrencyException c && c.StreamId == id && c.Expected == ExpectedVersion.NoStream ? TakenIds.Refusal() : null,
            lostRace: e => e is PostgresException p && Violates(p) ? Raced(p) : null);

    private async Task<IReadOnlyList<PipelineSibling>> SiblingsAsync(CancellationToken ct) =>
        (await pipelines.ListAsync(ct)).Select(p => new PipelineSibling(p.Id, p.Name, p.IsDefault)).ToList();

    /// <summary>The current default's stream version: a default that changes meanwhile makes the append lose the race.</summary>
    private async Task<Dictionary<Guid, long>> DefaultVersionsAsync(IReadOnlyList<PipelineSibling> siblings, CancellationToken ct)
    {
        var versions = new Dictionary<Guid, long>();
        foreach (var s in siblings.Where(s => s.IsDefault)) versions[s.Id] = (await LoadAsync(s.Id, ct)).Version;
        return versions;
    }

    private async Task<(PipelineState State, long Version)> LoadAsync(Guid id, CancellationToken ct) =>
        await store.AggregateStreamAsync(id, Pipeline.Decider.Initial, (s, e) => Pipeline.Decider.Evolve(s, e.Data), ct: ct) ?? (Pipeline.Decider.Initial, 0);

    /// <summary>A pipeline rule broken by a racing request, found by crm.pipelines' constraints at commit.</summary>
    private static bool Violates(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.ExclusionViolation or PostgresErrorCodes.UniqueViolation
        && e.ConstraintName?.StartsWith("pipelines_", StringComparison.Ordinal) == true;

    private static DomainError Raced(PostgresException e) => e.ConstraintName == "pipelines_name_unique"
        ? DomainError.Conflict("pipeline_name_taken", "A pipeline with this name exists already.", "name")
        : DomainError.Conflict("concurrent_change", "The pipelines changed while this command ran; try again.");
}

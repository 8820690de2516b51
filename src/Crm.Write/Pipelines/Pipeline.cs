using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Pipelines;

/// <summary>Another pipeline as the read model shows it (for the unique-name and one-default rules).</summary>
public sealed record PipelineSibling(Guid Id, string Name, bool IsDefault);

/// <summary>A new pipeline; it is the default when asked or when no pipeline is the default yet.</summary>
public sealed record CreatePipeline(
    Guid PipelineId, string? Name, IReadOnlyList<StageInput>? Stages, bool MakeDefault, IReadOnlyList<PipelineSibling> Siblings);

/// <summary>Rename a pipeline and/or replace its stages; null leaves a part as it is.</summary>
public sealed record EditPipeline(Guid PipelineId, string? Name, IReadOnlyList<StageInput>? Stages, IReadOnlyList<PipelineSibling> Siblings);

/// <summary>Make a pipeline the default; <paramref name="PreviousDefault"/> is the current default's stream, loaded.</summary>
public sealed record MakePipelineDefault(Guid PipelineId, PipelineState? PreviousDefault);

/// <param name="OpenOpportunities">How many open opportunities follow the pipeline (looked up by the handler).</param>
public sealed record DeletePipeline(Guid PipelineId, long OpenOpportunities);

public sealed record PipelineState(bool Exists, Guid Id, string Name, IReadOnlyList<PipelineStage> Stages, bool IsDefault)
{
    public static PipelineState None { get; } = new(false, Guid.Empty, "", [], false);

    public static PipelineState Evolve(PipelineState state, object @event) => @event switch
    {
        PipelineCreated e => new PipelineState(true, e.PipelineId, e.Name, e.Stages, e.IsDefault),
        PipelineRenamed e => state with { Name = e.Name },
        PipelineStagesChanged e => state with { Stages = e.Stages },
        PipelineMadeDefault => state with { IsDefault = true },
        PipelineDefaultCleared => state with { IsDefault = false },
        PipelineDeleted => state with { Exists = false, IsDefault = false },
        _ => state,
    };
}

/// <summary>
/// The pipeline decider (SAL-2): one sales pipeline (销售流程) per stream. Names are unique case-insensitively; exactly
/// one pipeline is the default, so making one the default clears the previous one in the same append; the default
/// cannot be deleted, nor a pipeline that open opportunities follow.
/// </summary>
public static class Pipeline
{
    public const string StreamType = "pipeline";
    public const int MaxNameLength = 60;

    public static Decider<PipelineState> Decider { get; } = new(StreamType, PipelineState.None, PipelineState.Evolve);

    public static MultiStreamDecision Decide(CreatePipeline command, PipelineState state, Func<Guid> newId)
    {
        if (state.Exists || state.Id != Guid.Empty) return TakenIds.Refusal();
        var checks = new FieldChecks();
        var name = checks.Text("name", command.Name, MaxNameLength, required: true);
        var (stages, badStages) = PipelineStages.Check(command.Stages, [], creating: true, newId);
        var faults = checks.Errors.Concat(badStages?.Errors ?? []).ToList();
        if (DomainError.Invalid(faults) is { } invalid) return invalid;
        if (Taken(name!, command.PipelineId, command.Siblings) is { } taken) return taken;

        var previous = command.Siblings.FirstOrDefault(s => s.IsDefault && s.Id != command.PipelineId);
        var isDefault = command.MakeDefault || previous is null;
        var created = new PipelineCreated(command.PipelineId, name!, stages!, isDefault);
        return isDefault && previous is not null
            ? DefaultChanges(command.PipelineId, [created with { IsDefault = false }], previous.Id)
            : new MultiStreamDecision([new StreamChange(command.PipelineId, StreamType, [created])], null);
    }

    public static Decision Decide(EditPipeline command, PipelineState state, Func<Guid> newId)
    {
        if (!state.Exists) return NotFound(command.PipelineId);
        var checks = new FieldChecks();
        var name = command.Name is null ? state.Name : checks.Text("name", command.Name, MaxNameLength, required: true);
        var stages = state.Stages;
        DomainError? badStages = null;
        if (command.Stages is not null) (stages, badStages) = PipelineStages.Check(command.Stages, state.Stages, creating: false, newId);
        if (DomainError.Invalid([.. checks.Errors, .. badStages?.Errors ?? []]) is { } invalid) return invalid;

        var events = new List<object>();
        if (name != state.Name)
        {
            if (Taken(name!, state.Id, command.Siblings) is { } taken) return taken;
            events.Add(new PipelineRenamed(state.Id, name!, state.Name));
        }
        if (!PipelineStages.Same(stages!, state.Stages)) events.Add(new PipelineStagesChanged(state.Id, stages!, state.Stages));
        return events.Count == 0 ? Decision.Nothing : Decision.Accept([.. events]);
    }

    /// <summary>The pipeline gets pipeline.made-default; the previous default (if it still is one) gets pipeline.default-cleared, appended first.</summary>
    public static MultiStreamDecision Decide(MakePipelineDefault command, PipelineState state)
    {
        if (!state.Exists) return NotFound(command.PipelineId);
        if (state.IsDefault) return new MultiStreamDecision([], null);
        var previous = command.PreviousDefault is { Exists: true, IsDefault: true } p && p.Id != state.Id ? p : null;
        return DefaultChanges(state.Id, [], previous?.Id);
    }

    public static Decision Decide(DeletePipeline command, PipelineState state)
    {
        if (!state.Exists) return NotFound(command.PipelineId);
        if (state.IsDefault)
            return DomainError.Conflict("pipeline_is_default", "The default pipeline cannot be deleted: make another pipeline the default first.");
        if (command.OpenOpportunities > 0)
        {
            return DomainError.Conflict("pipeline_in_use",
                $"{command.OpenOpportunities} open opportunities follow this pipeline: win, lose or move them first.");
        }
        return Decision.Accept(new PipelineDeleted(state.Id));
    }

    public static DomainError NotFound(Guid id) => DomainError.NotFound("pipeline_not_found", $"Pipeline {id} does not exist.");

    public static DomainError NameTaken(string name) =>
        DomainError.Conflict("pipeline_name_taken", $"A pipeline named '{name}' exists already.", "name");

    private static MultiStreamDecision DefaultChanges(Guid pipelineId, List<object> before, Guid? previousId)
    {
        var changes = new List<StreamChange>();
        // The previous default is cleared first, so no moment (and no row of the read model) has two defaults.
        if (previousId is { } old) changes.Add(new StreamChange(old, StreamType, [new PipelineDefaultCleared(old)]));
        changes.Add(new StreamChange(pipelineId, StreamType, [.. before, new PipelineMadeDefault(pipelineId)]));
        return new MultiStreamDecision(changes, null);
    }

    private static DomainError? Taken(string name, Guid self, IReadOnlyList<PipelineSibling> siblings) =>
        siblings.Any(s => s.Id != self && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) ? NameTaken(name) : null;
}

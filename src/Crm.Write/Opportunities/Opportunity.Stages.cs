using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Opportunities;

// Stages (SAL-2): every move copies the stage as the pipeline has it now (StageSnapshot), so a later change of the
// pipeline never rewrites the history. Won and lost close the opportunity; reopen opens it at an open stage again.
public static partial class Opportunity
{
    public static Decision Decide(AdvanceOpportunity command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        if (state.IsClosed) return Closed(state);
        if (command.Pipeline is not { } pipeline) return PipelineMissing();
        if (OpenStage(pipeline, command.StageId) is not { } stage) return StageUnknown();
        // The same stage is no move, even if the pipeline renamed it or changed its win rate since: the funnel counts stays.
        return stage.StageId == state.Stage.StageId ? Decision.Nothing
            : Decision.Accept(new OpportunityStageAdvanced(state.Id, state.Stage, pipeline.Snapshot(stage), context.Now));
    }

    public static Decision Decide(WinOpportunity command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        if (state.Stage.Outcome == StageOutcome.Won) return Decision.Nothing;
        if (state.IsClosed) return Closed(state);
        if (command.Pipeline?.Closing(StageOutcome.Won) is not { } won) return PipelineMissing();
        return Decision.Accept(new OpportunityWon(state.Id, state.CustomerId, state.Stage, command.Pipeline.Snapshot(won), state.Amount, context.Now));
    }

    public static Decision Decide(LoseOpportunity command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        var checks = new FieldChecks();
        var reason = checks.Text("reason", command.Reason, 500, required: true);
        if (DomainError.Invalid(checks.Errors) is { } invalid) return invalid;
        // Losing a lost one changes nothing, as winning a won one: a retry without a key is safe.
        if (state.Stage.Outcome == StageOutcome.Lost) return Decision.Nothing;
        if (state.IsClosed) return Closed(state);
        if (command.Pipeline?.Closing(StageOutcome.Lost) is not { } lost) return PipelineMissing();
        return Decision.Accept(new OpportunityLost(state.Id, state.Stage, command.Pipeline.Snapshot(lost), reason!, context.Now));
    }

    public static Decision Decide(ReopenOpportunity command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        if (!state.IsClosed) return DomainError.Conflict("opportunity_open", "The opportunity is open: only a won or lost one is reopened.");
        if (command.Pipeline is not { } pipeline) return PipelineMissing();
        // By default the last open stage it was at, as the pipeline has it now; its first open stage if that one is gone.
        var stage = command.StageId is not null ? OpenStage(pipeline, command.StageId)
            : OpenStage(pipeline, state.LastOpenStage?.StageId) ?? pipeline.Open.FirstOrDefault();
        if (stage is null) return command.StageId is null ? PipelineMissing() : StageUnknown();
        return Decision.Accept(new OpportunityReopened(state.Id, state.Stage, pipeline.Snapshot(stage), context.Now));
    }

    private static PipelineStage? OpenStage(PipelineOnFile pipeline, Guid? stageId) =>
        stageId is { } id && pipeline.Find(id) is { Outcome: StageOutcome.Open } stage ? stage : null;

    private static DomainError StageUnknown() => DomainError.Unprocessable("stageId", "stage_unknown",
        "stageId names no open stage of the opportunity's pipeline (win and lose close it).");
}

using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Pipelines;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Pipelines;

public sealed class pipeline_rules
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly Guid[] StageIds = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];

    private static readonly IReadOnlyList<PipelineStage> Stages =
    [
        new(StageIds[0], "Qualified", 20m, StageOutcome.Open), new(StageIds[1], "Proposal", 55.5m, StageOutcome.Open),
        new(StageIds[2], "Won", 100m, StageOutcome.Won), new(StageIds[3], "Lost", 0m, StageOutcome.Lost),
    ];

    private static List<StageInput> Inputs(IEnumerable<PipelineStage> stages) => stages.Select(s => new StageInput(s.StageId, s.Name, s.WinRate, s.Outcome)).ToList();

    private static PipelineState Given(params object[] events) => Pipeline.Decider.Fold(Pipeline.Decider.Initial, events);

    private static readonly PipelineCreated Created = new(Id, "Key accounts", Stages, false);

    private static Func<Guid> Ids(params Guid[] ids)
    {
        var queue = new Queue<Guid>(ids);
        return () => queue.Dequeue();
    }

    private static Decision Single(MultiStreamDecision decision) =>
        decision.Error is { } error ? Decision.Refuse(error) : Decision.Accept([.. decision.Changes.SelectMany(c => c.Events)]);

    private static DomainError Invalid(IReadOnlyList<StageInput> stages) =>
        ThenRefused(Single(Pipeline.Decide(new CreatePipeline(Id, "P", stages, false, []), Given(), Guid.CreateVersion7)), ErrorKind.Validation,
            Single(Pipeline.Decide(new CreatePipeline(Id, "P", stages, false, []), Given(), Guid.CreateVersion7)).Error!.Code);

    [Fact]
    public void the_first_pipeline_is_the_default_and_new_stages_get_fresh_ids()
    {
        var input = new List<StageInput> { new(null, " Qualified ", 20m, null), new(null, "Proposal", 55.50m, "open"), new(null, "Won", null, "won"),
            new(null, "Lost", null, "lost") };
        var decision = Pipeline.Decide(new CreatePipeline(Id, " Key accounts ", input, false, []), Given(), Ids(StageIds));
        var change = Assert.Single(decision.Changes);
        ThenEvents(Decision.Accept([.. change.Events]), Created with { IsDefault = true });
    }

    [Fact]
    public void a_new_default_clears_the_previous_one_first_in_the_same_decision()
    {
        var decision = Pipeline.Decide(new CreatePipeline(Id, "Key accounts", Inputs(Stages), true, [new PipelineSibling(Other, "Standard", true)]),
            Given(), Guid.CreateVersion7);
        Assert.Equal([Other, Id], decision.Changes.Select(c => c.StreamId));
        ThenEvents(Decision.Accept([.. decision.Changes[0].Events]), new PipelineDefaultCleared(Other));
        ThenEvents(Decision.Accept([.. decision.Changes[1].Events]), Created, new PipelineMadeDefault(Id));
    }

    [Fact]
    public void a_name_taken_by_another_pipeline_in_any_case_is_a_conflict()
    {
        var siblings = new[] { new PipelineSibling(Other, "KEY ACCOUNTS", false) };
        ThenRefused(Single(Pipeline.Decide(new CreatePipeline(Id, "key accounts", Inputs(Stages), false, siblings), Given(), Guid.CreateVersion7)),
            ErrorKind.Conflict, "pipeline_name_taken", "name");
        ThenRefused(Pipeline.Decide(new EditPipeline(Id, "Key Accounts ", null, siblings), Given(Created), Guid.CreateVersion7),
            ErrorKind.Conflict, "pipeline_name_taken", "name");
    }

    [Fact]
    public void an_existing_stream_is_an_id_taken()
    {
        ThenRefused(Single(Pipeline.Decide(new CreatePipeline(Id, "P", Inputs(Stages), false, []), Given(Created), Guid.CreateVersion7)),
            ErrorKind.Conflict, TakenIds.Code, "id");
    }

    [Fact]
    public void stages_must_be_open_ones_then_one_won_and_one_lost()
    {
        Assert.Equal("stages_invalid", Invalid([]).Code);
        Assert.Equal("stage_order_invalid", Invalid([new(null, "Won", null, "won"), new(null, "Lost", null, "lost")]).Code);
        Assert.Equal("stage_order_invalid", Invalid([new(null, "A", 10m, null), new(null, "Won", null, "won"), new(null, "B", 10m, null),
            new(null, "Lost", null, "lost")]).Code);
        Assert.Equal("stage_order_invalid", Invalid([new(null, "A", 10m, null), new(null, "Won", null, "won"), new(null, "Won 2", null, "won")]).Code);
        // Lost before won is fine: the two closed stages come last in either order.
        var lostFirst = Pipeline.Decide(new CreatePipeline(Id, "P", [new(null, "A", 10m, null), new(null, "Lost", null, "lost"),
            new(null, "Won", null, "won")], false, []), Given(), Guid.CreateVersion7);
        Assert.Null(lostFirst.Error);
    }

    [Fact]
    public void each_stage_fault_is_named_by_its_place()
    {
        var error = Invalid([new(null, "A", 100.001m, null), new(null, "a", null, null), new(null, " ", 10m, "maybe"), new(null, "Won", 90m, "won"),
            new(null, "Lost", -1m, "lost")]);
        var faults = error.Errors.Select(e => (e.Field, e.Code)).ToList();
        Assert.Contains(("stages[0].winRate", "win_rate_invalid"), faults);
        Assert.Contains(("stages[1].name", "stage_name_repeated"), faults);
        Assert.Contains(("stages[1].winRate", "win_rate_required"), faults);
        Assert.Contains(("stages[2].name", "stage_name_invalid"), faults);
        Assert.Contains(("stages[2].outcome", "stage_outcome_unknown"), faults);
        Assert.Contains(("stages[3].winRate", "win_rate_fixed"), faults);
        Assert.Contains(("stages[4].winRate", "win_rate_invalid"), faults);
    }

    [Fact]
    public void win_rates_need_not_grow_and_may_have_two_decimals()
    {
        var decision = Pipeline.Decide(new CreatePipeline(Id, "P", [new(null, "A", 80m, null), new(null, "B", 12.25m, null), new(null, "Won", 100m, "won"),
            new(null, "Lost", 0m, "lost")], false, []), Given(), Guid.CreateVersion7);
        Assert.Null(decision.Error);
    }

    [Fact]
    public void an_edit_keeps_stages_by_id_refuses_unknown_or_repeated_ids_and_a_resent_pipeline_is_no_change()
    {
        var state = Given(Created);
        ThenNothing(Pipeline.Decide(new EditPipeline(Id, "Key accounts", Inputs(Stages.Select(s => s with { WinRate = s.WinRate * 1.00m })), []),
            state, Guid.CreateVersion7));
        var fresh = Guid.CreateVersion7();
        var reordered = new List<StageInput> { new(StageIds[1], "Proposal", 55.5m, null), new(null, "Review", 90m, null),
            new(StageIds[2], "Won", null, "won"), new(StageIds[3], "Lost", null, "lost") };
        var expected = new List<PipelineStage> { Stages[1], new(fresh, "Review", 90m, StageOutcome.Open), Stages[2], Stages[3] };
        ThenEvents(Pipeline.Decide(new EditPipeline(Id, null, reordered, []), state, Ids(fresh)), new PipelineStagesChanged(Id, expected, Stages));

        var unknown = Inputs(Stages);
        unknown[0] = unknown[0] with { StageId = Guid.CreateVersion7() };
        ThenRefused(Pipeline.Decide(new EditPipeline(Id, null, unknown, []), state, Guid.CreateVersion7), ErrorKind.Validation, "stage_unknown",
            "stages[0].stageId");
        var twice = Inputs(Stages);
        twice[1] = twice[1] with { StageId = StageIds[0] };
        ThenRefused(Pipeline.Decide(new EditPipeline(Id, null, twice, []), state, Guid.CreateVersion7), ErrorKind.Validation, "stage_id_repeated",
            "stages[1].stageId");
    }

    [Fact]
    public void a_rename_records_both_names()
    {
        ThenEvents(Pipeline.Decide(new EditPipeline(Id, "Direct sales", null, []), Given(Created), Guid.CreateVersion7),
            new PipelineRenamed(Id, "Direct sales", "Key accounts"));
        ThenRefused(Pipeline.Decide(new EditPipeline(Id, " ", null, []), Given(Created), Guid.CreateVersion7), ErrorKind.Validation, "name_required", "name");
        ThenRefused(Pipeline.Decide(new EditPipeline(Id, "X", null, []), Given(), Guid.CreateVersion7), ErrorKind.NotFound, "pipeline_not_found");
    }

    [Fact]
    public void making_a_default_clears_the_previous_default_and_is_nothing_when_already_the_default()
    {
        var previous = Given(Created with { PipelineId = Other, IsDefault = true });
        var decision = Pipeline.Decide(new MakePipelineDefault(Id, previous), Given(Created));
        Assert.Equal([Other, Id], decision.Changes.Select(c => c.StreamId));
        Assert.Empty(Pipeline.Decide(new MakePipelineDefault(Id, null), Given(Created, new PipelineMadeDefault(Id))).Changes);
    }

    [Fact]
    public void the_default_and_a_pipeline_open_opportunities_follow_cannot_be_deleted()
    {
        ThenRefused(Pipeline.Decide(new DeletePipeline(Id, 0), Given(Created with { IsDefault = true })), ErrorKind.Conflict, "pipeline_is_default");
        ThenRefused(Pipeline.Decide(new DeletePipeline(Id, 2), Given(Created)), ErrorKind.Conflict, "pipeline_in_use");
        ThenEvents(Pipeline.Decide(new DeletePipeline(Id, 0), Given(Created)), new PipelineDeleted(Id));
        ThenRefused(Pipeline.Decide(new DeletePipeline(Id, 0), Given(Created, new PipelineDeleted(Id))), ErrorKind.NotFound, "pipeline_not_found");
    }

    [Fact]
    public void the_standard_pipeline_follows_the_rules()
    {
        var decision = Pipeline.Decide(new CreatePipeline(PipelineHandler.StandardId, StandardPipeline.Name, StandardPipeline.Stages, true, []), Given(),
            Guid.CreateVersion7);
        var created = Assert.IsType<PipelineCreated>(Assert.Single(Assert.Single(decision.Changes).Events));
        Assert.Equal([10m, 30m, 60m, 80m, 100m, 0m], created.Stages.Select(s => s.WinRate));
        Assert.True(created.IsDefault);
    }
}

using System.Text.Json;
using Crm.Events;
using Crm.Events.Workflows;
using Crm.Write.Workflows;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Workflows;

public sealed class workflow_rules
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Author = Guid.CreateVersion7();
    private static readonly Guid Editor = Guid.CreateVersion7();
    private static readonly WorkflowTrigger OnCreated = new("customer", "created", null);
    private static readonly WorkflowAction Notify = new("notify", "Hello");
    private static readonly WorkflowCreated Created = new(Id, Author, "Greet", true, OnCreated, null, [Notify], null);

    private static WorkflowState Given(params object[] events) => Workflow.Decider.Fold(Workflow.Decider.Initial, events);

    private static (WorkflowDraft? Draft, IReadOnlyList<FieldError> Faults) Check(WorkflowInput input, WorkflowDraft? current = null) =>
        WorkflowRules.Check(input, current ?? WorkflowDraft.Empty, allowPrivateNetworks: false, factsVisible: true);

    private static WorkflowInput Input(string? name = "Greet", WorkflowTriggerInput? trigger = null, IReadOnlyList<WorkflowActionInput>? actions = null,
        string? condition = null, bool? enabled = null, string? secret = null) =>
        new(name, enabled, trigger, condition is null ? default : JsonSerializer.Deserialize<JsonElement>(condition), actions, secret);

    [Fact]
    public void a_workflow_is_created_by_the_acting_user_as_its_author()
    {
        var (draft, faults) = Check(Input(trigger: new("customer", "created", null), actions: [new("notify", " Hello ")]));
        ThenEvents(Workflow.Decide(new CreateWorkflow(Id, draft, faults), Given(), As(Author)), Created);
    }

    [Fact]
    public void a_change_carries_the_whole_rule_names_what_changed_and_makes_the_editor_the_author()
    {
        var state = Given(Created);
        var (draft, faults) = Check(Input(name: null, enabled: false), state.Draft);
        ThenEvents(Workflow.Decide(new EditWorkflow(Id, draft, faults), state, As(Editor)),
            new WorkflowEdited(Id, Editor, "Greet", false, OnCreated, null, [Notify], null, ["enabled", "author"]));
        var (same, none) = Check(Input(name: "Greet"), state.Draft);
        Assert.Empty(Workflow.Decide(new EditWorkflow(Id, same, none), state, As(Author)).Events);
    }

    [Fact]
    public void a_condition_is_checked_by_the_lists_filter_over_the_kinds_fields()
    {
        var (_, faults) = Check(Input(trigger: new("lead", "created", null), actions: [new("notify", "x")],
            condition: """{"and":[{"field":"region","op":"eq","value":"East"}]}"""));
        Assert.Equal(("condition.region", "filter_invalid"), (faults[0].Field, faults[0].Code));
        var (draft, ok) = Check(Input(trigger: new("customer", "created", null), actions: [new("notify", "x")],
            condition: """{"and":[{"field":"region","op":"eq","value":"East"}]}"""));
        Assert.Empty(ok);
        Assert.Contains("East", draft!.Condition, StringComparison.Ordinal);
    }

    [Fact]
    public void each_fault_is_named_by_its_path()
    {
        var (_, faults) = Check(Input(name: "", trigger: new("deal", "whenever", null), actions:
        [
            new("nothing"), new("set_field", Field: "name", Value: "x"), new("transfer"), new("create_task", "t", DueInDays: -1),
            new("webhook", Url: "http://127.0.0.1/hook"), new("notify", " "), new("set_field", Field: "level", Value: new string('x', 51)),
        ], secret: "short"));
        var found = faults.Select(f => (f.Field, f.Code)).ToList();
        Assert.Contains(("name", "name_required"), found);
        Assert.Contains(("trigger.recordKind", "record_kind_unknown"), found);
        Assert.Contains(("trigger.on", "trigger_unknown"), found);
        Assert.Contains(("actions[0].type", "action_type_unknown"), found);
        Assert.Contains(("actions[1].field", "field_not_settable"), found);
        Assert.Contains(("actions[2].userId", "user_required"), found);
        Assert.Contains(("actions[3].dueInDays", "due_in_days_out_of_range"), found);
        Assert.Contains(("actions[4].url", "webhook_url_invalid"), found);
        Assert.Contains(("webhookSecret", "webhook_secret_invalid"), found);
        Assert.Contains(("actions[5].text", "text_invalid"), found);
        Assert.Contains(("actions[6].value", "value_too_long"), found);
        var (_, quiet) = Check(Input(trigger: new("lead", "no_follow_up", 0), actions: [new("notify", "x")]));
        Assert.Equal(("trigger.days", "days_out_of_range"), (quiet[0].Field, quiet[0].Code));
        var (_, many) = Check(Input(trigger: new("lead", "created", null), actions: [.. Enumerable.Repeat(new WorkflowActionInput("notify", "x"), 11)]));
        Assert.Equal(("actions", "actions_count_invalid"), (many[0].Field, many[0].Code));
        var (_, unsigned) = Check(Input(trigger: new("lead", "created", null), actions: [new("webhook", Url: "https://example.com/hook")]));
        Assert.Equal(("webhookSecret", "webhook_secret_required"), (unsigned[0].Field, unsigned[0].Code));
    }

    [Fact]
    public void only_a_signed_in_user_authors_a_workflow_and_a_missing_one_is_not_found()
    {
        var (draft, faults) = Check(Input(trigger: new("customer", "created", null), actions: [new("notify", "Hello")]));
        var refused = Workflow.Decide(new CreateWorkflow(Id, draft, faults), Given(), new CommandContext(null, DateTimeOffset.UnixEpoch));
        Assert.Equal(("author_unknown", ErrorKind.Unprocessable), (refused.Error?.Code, refused.Error?.Kind));
        Assert.Equal("workflow_not_found", Workflow.Decide(new DeleteWorkflow(Id), Given(), As(Author)).Error?.Code);
        ThenEvents(Workflow.Decide(new DeleteWorkflow(Id), Given(Created), As(Author)), new WorkflowDeleted(Id, "Greet"));
    }
}

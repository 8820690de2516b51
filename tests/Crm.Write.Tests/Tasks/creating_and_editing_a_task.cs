using Crm.Events;
using Crm.Events.Tasks;
using Crm.Write.Tasks;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Tasks.TaskSpecification;

namespace Crm.Write.Tests.Tasks;

public sealed class creating_and_editing_a_task
{
    [Fact]
    public void a_task_is_created_with_its_fields_normalized_and_its_due_time_in_utc()
    {
        var command = new CreateTask(Id, new TaskInput("  Call Acme ", "", "2026-03-02T18:00:00+08:00", "high", ["vip", "vip"]), Owner,
            [Colleague, Colleague], [AboutCustomer, AboutCustomer]);
        ThenEvents(WorkTask.Decide(command, Given(), As(Owner)), new TaskCreated(Id,
            new TaskFields("Call Acme", null, DateTimeOffset.Parse("2026-03-02T10:00:00Z"), "high", ["vip"]), Owner, [Colleague], [AboutCustomer]));
    }

    [Fact]
    public void bad_fields_are_all_named()
    {
        var command = new CreateTask(Id, new TaskInput(" ", new string('d', 5001), "2026-03-02T18:00:00", "urgent", [new string('t', 31)]), Owner, [], []);
        ThenInvalid(WorkTask.Decide(command, Given(), As(Owner)), ("name", "name_required"), ("description", "description_too_long"),
            ("dueAt", "due_invalid"), ("priority", "priority_invalid"), ("tags", "tags_too_long"));
    }

    [Fact]
    public void too_many_participants_or_related_records_are_refused()
    {
        var users = Enumerable.Range(0, 21).Select(_ => Guid.CreateVersion7()).ToList();
        var related = users.Select(u => new RelatedRecord("lead", u)).ToList();
        ThenInvalid(WorkTask.Decide(new CreateTask(Id, new TaskInput("x"), Owner, users, related), Given(), As(Owner)),
            ("participantIds", "participants_too_many"), ("related", "related_too_many"));
    }

    [Fact]
    public void a_second_create_on_the_stream_is_refused()
    {
        ThenRefused(WorkTask.Decide(new CreateTask(Id, new TaskInput("x"), Owner, [], []), Given(Created), As(Owner)), ErrorKind.Conflict, "task_exists");
    }

    [Fact]
    public void an_edit_names_each_change_and_each_list_change_is_its_own_event()
    {
        var other = Guid.CreateVersion7();
        var contact = new RelatedRecord("contact", Guid.CreateVersion7());
        var edit = new EditTask(Id, new TaskInput(Name: "Call Acme back", DueAt: "2026-03-05T09:00:00Z", Tags: ["a"]), other, [other], [contact]);
        ThenEvents(WorkTask.Decide(edit, Given(Created), As(Owner)),
            new TaskEdited(Id, [new FieldChange("name", "Call Acme", "Call Acme back"),
                new FieldChange("dueAt", null, "2026-03-05T09:00:00.0000000+00:00"), new FieldChange("tags", null, "a")]),
            new TaskReassigned(Id, other, Owner),
            new TaskParticipantsChanged(Id, [other], [Colleague]),
            new TaskRelatedChanged(Id, [contact], [AboutCustomer]));
    }

    [Fact]
    public void an_edit_that_changes_nothing_writes_nothing_and_an_empty_due_clears_it()
    {
        ThenNothing(WorkTask.Decide(new EditTask(Id, new TaskInput(Name: "Call Acme")), Given(Created), As(Owner)));
        var due = Given(Created, new TaskEdited(Id, [new FieldChange("dueAt", null, "2026-03-05T09:00:00.0000000+00:00")]));
        Assert.Equal(DateTimeOffset.Parse("2026-03-05T09:00:00Z"), due.Fields.DueAt);
        ThenEvents(WorkTask.Decide(new EditTask(Id, new TaskInput(DueAt: "")), due, As(Owner)),
            new TaskEdited(Id, [new FieldChange("dueAt", "2026-03-05T09:00:00.0000000+00:00", null)]));
    }

    [Fact]
    public void complete_reopen_and_archive()
    {
        ThenEvents(WorkTask.Decide(new CompleteTask(Id), Given(Created), As(Owner)), new TaskCompleted(Id));
        ThenNothing(WorkTask.Decide(new CompleteTask(Id), Given(Created, new TaskCompleted(Id)), As(Owner)));
        ThenEvents(WorkTask.Decide(new ReopenTask(Id), Given(Created, new TaskCompleted(Id)), As(Owner)), new TaskReopened(Id));
        ThenNothing(WorkTask.Decide(new ReopenTask(Id), Given(Created), As(Owner)));
        ThenEvents(WorkTask.Decide(new ArchiveTask(Id), Given(Created), As(Owner)), new TaskArchived(Id));
        ThenNothing(WorkTask.Decide(new ArchiveTask(Id), Given(Created, new TaskArchived(Id)), As(Owner)));
    }

    [Fact]
    public void an_archived_task_takes_no_change_and_a_missing_one_is_not_found()
    {
        var archived = Given(Created, new TaskArchived(Id));
        ThenRefused(WorkTask.Decide(new CompleteTask(Id), archived, As(Owner)), ErrorKind.Conflict, "task_archived");
        ThenRefused(WorkTask.Decide(new EditTask(Id, new TaskInput("x")), archived, As(Owner)), ErrorKind.Conflict, "task_archived");
        ThenRefused(WorkTask.Decide(new CompleteTask(Id), Given(), As(Owner)), ErrorKind.NotFound, "task_not_found");
        ThenRefused(WorkTask.Decide(new ArchiveTask(Id), Given(), As(Owner)), ErrorKind.NotFound, "task_not_found");
    }

    [Fact]
    public void a_move_sets_the_due_date_and_done_completes()
    {
        var at = DateTimeOffset.Parse("2026-03-01T23:59:59Z");
        ThenEvents(WorkTask.Decide(new MoveTask(Id, at, false), Given(Created, new TaskCompleted(Id)), As(Owner)),
            new TaskEdited(Id, [new FieldChange("dueAt", null, "2026-03-01T23:59:59.0000000+00:00")]), new TaskReopened(Id));
        ThenEvents(WorkTask.Decide(new MoveTask(Id, null, true), Given(Created), As(Owner)), new TaskCompleted(Id));
        ThenNothing(WorkTask.Decide(new MoveTask(Id, null, false), Given(Created), As(Owner)));
    }
}

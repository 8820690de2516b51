using Crm.Events.Tasks;
using Crm.Write.Tasks;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Tasks.TaskSpecification;

namespace Crm.Write.Tests.Tasks;

public sealed class subtasks_and_comments
{
    private static readonly Guid A = Guid.CreateVersion7();
    private static readonly Guid B = Guid.CreateVersion7();
    private static readonly TaskState TwoSubtasks = Given(Created, new TaskSubtaskAdded(Id, A, "Draft"), new TaskSubtaskAdded(Id, B, "Send"));

    [Fact]
    public void subtasks_are_added_renamed_ticked_reopened_reordered_and_removed()
    {
        ThenEvents(WorkTask.Decide(new AddSubtask(Id, A, " Draft "), Given(Created), As(Owner)), new TaskSubtaskAdded(Id, A, "Draft"));
        ThenEvents(WorkTask.Decide(new RenameSubtask(Id, A, "Draft v2"), TwoSubtasks, As(Owner)), new TaskSubtaskRenamed(Id, A, "Draft", "Draft v2"));
        ThenNothing(WorkTask.Decide(new RenameSubtask(Id, A, "Draft"), TwoSubtasks, As(Owner)));
        ThenEvents(WorkTask.Decide(new CompleteSubtask(Id, A), TwoSubtasks, As(Owner)), new TaskSubtaskCompleted(Id, A));
        Assert.True(Given(Created, new TaskSubtaskAdded(Id, A, "Draft"), new TaskSubtaskCompleted(Id, A)).Subtasks[0].Done);
        ThenEvents(WorkTask.Decide(new ReopenSubtask(Id, A), Given(Created, new TaskSubtaskAdded(Id, A, "D"), new TaskSubtaskCompleted(Id, A)), As(Owner)),
            new TaskSubtaskReopened(Id, A));
        ThenEvents(WorkTask.Decide(new ReorderSubtasks(Id, [B, A]), TwoSubtasks, As(Owner)), new TaskSubtasksReordered(Id, [B, A]));
        Assert.Equal([B, A], Given(Created, new TaskSubtaskAdded(Id, A, "Draft"), new TaskSubtaskAdded(Id, B, "Send"),
            new TaskSubtasksReordered(Id, [B, A])).Subtasks.Select(s => s.Id));
        ThenEvents(WorkTask.Decide(new RemoveSubtask(Id, A), TwoSubtasks, As(Owner)), new TaskSubtaskRemoved(Id, A));
    }

    [Fact]
    public void a_bad_subtask_command_is_refused()
    {
        ThenInvalid(WorkTask.Decide(new AddSubtask(Id, A, ""), Given(Created), As(Owner)), ("title", "title_required"));
        ThenRefused(WorkTask.Decide(new AddSubtask(Id, A, "x"), TwoSubtasks, As(Owner)), ErrorKind.Conflict, "subtask_exists", "id");
        ThenRefused(WorkTask.Decide(new CompleteSubtask(Id, Guid.CreateVersion7()), TwoSubtasks, As(Owner)), ErrorKind.NotFound, "subtask_not_found");
        ThenRefused(WorkTask.Decide(new ReorderSubtasks(Id, [A, A]), TwoSubtasks, As(Owner)), ErrorKind.Validation, "order_invalid", "order");
        ThenRefused(WorkTask.Decide(new ReorderSubtasks(Id, [A]), TwoSubtasks, As(Owner)), ErrorKind.Validation, "order_invalid", "order");
        var full = Given([Created, .. Enumerable.Range(0, WorkTask.MaxSubtasks).Select(i => new TaskSubtaskAdded(Id, Guid.CreateVersion7(), $"s{i}"))]);
        ThenRefused(WorkTask.Decide(new AddSubtask(Id, A, "one more"), full, As(Owner)), ErrorKind.Conflict, "subtasks_full");
    }

    [Fact]
    public void a_comment_is_written_by_the_actor_and_only_its_author_edits_or_deletes_it()
    {
        ThenEvents(WorkTask.Decide(new AddComment(Id, A, " Called, no answer "), Given(Created), As(Colleague)),
            new TaskCommentAdded(Id, A, Colleague, "Called, no answer"));
        var commented = Given(Created, new TaskCommentAdded(Id, A, Colleague, "Called"));
        ThenEvents(WorkTask.Decide(new EditComment(Id, A, "Called twice"), commented, As(Colleague)), new TaskCommentEdited(Id, A, "Called", "Called twice"));
        ThenRefused(WorkTask.Decide(new EditComment(Id, A, "Mine now"), commented, As(Owner)), ErrorKind.Forbidden, "comment_not_yours");
        ThenRefused(WorkTask.Decide(new DeleteComment(Id, A), commented, As(Owner)), ErrorKind.Forbidden, "comment_not_yours");
        ThenEvents(WorkTask.Decide(new DeleteComment(Id, A), commented, As(Colleague)), new TaskCommentDeleted(Id, A));
        var deleted = Given(Created, new TaskCommentAdded(Id, A, Colleague, "Called"), new TaskCommentDeleted(Id, A));
        Assert.True(deleted.Comments[0].Deleted);
        ThenRefused(WorkTask.Decide(new EditComment(Id, A, "back"), deleted, As(Colleague)), ErrorKind.NotFound, "comment_not_found");
    }

    [Fact]
    public void a_bad_comment_is_refused()
    {
        ThenInvalid(WorkTask.Decide(new AddComment(Id, A, "  "), Given(Created), As(Owner)), ("text", "text_required"));
        ThenInvalid(WorkTask.Decide(new AddComment(Id, A, new string('c', 5001)), Given(Created), As(Owner)), ("text", "text_too_long"));
        ThenRefused(WorkTask.Decide(new AddComment(Id, A, "x"), Given(Created, new TaskCommentAdded(Id, A, Owner, "x")), As(Owner)),
            ErrorKind.Conflict, "comment_exists", "id");
        var full = Given([Created, .. Enumerable.Range(0, WorkTask.MaxComments).Select(i => new TaskCommentAdded(Id, Guid.CreateVersion7(), Owner, "c"))]);
        ThenRefused(WorkTask.Decide(new AddComment(Id, A, "one more"), full, As(Owner)), ErrorKind.Conflict, "comments_full");
    }

    [Fact]
    public void a_comment_mentions_users_once_each_and_an_edit_records_whom_it_adds_and_drops()
    {
        ThenEvents(WorkTask.Decide(new AddComment(Id, A, "Over to you", [Owner, Colleague, Owner]), Given(Created), As(Colleague)),
            new TaskCommentAdded(Id, A, Colleague, "Over to you", [Owner, Colleague]));
        ThenEvents(WorkTask.Decide(new AddComment(Id, A, "No one", []), Given(Created), As(Colleague)), new TaskCommentAdded(Id, A, Colleague, "No one"));
        var mentioned = Given(Created, new TaskCommentAdded(Id, A, Colleague, "Over to you", [Owner]));
        Assert.Equal([Owner], mentioned.Comments[0].Mentions);
        var third = Guid.CreateVersion7();
        ThenEvents(WorkTask.Decide(new EditComment(Id, A, "Over to you", [third]), mentioned, As(Colleague)),
            new TaskCommentEdited(Id, A, "Over to you", "Over to you", [third], [Owner]));
        ThenEvents(WorkTask.Decide(new EditComment(Id, A, "Over to you both", null), mentioned, As(Colleague)),
            new TaskCommentEdited(Id, A, "Over to you", "Over to you both"));
        ThenNothing(WorkTask.Decide(new EditComment(Id, A, "Over to you", [Owner]), mentioned, As(Colleague)));
        ThenNothing(WorkTask.Decide(new EditComment(Id, A, "Over to you", null), mentioned, As(Colleague)));
        var edited = Given(Created, new TaskCommentAdded(Id, A, Colleague, "Over to you", [Owner]),
            new TaskCommentEdited(Id, A, "Over to you", "Over to you", [third], [Owner]));
        Assert.Equal([third], edited.Comments[0].Mentions);
    }

    [Fact]
    public void a_comment_mentioning_too_many_users_is_refused()
    {
        var many = Enumerable.Range(0, WorkTask.MaxMentions + 1).Select(_ => Guid.CreateVersion7()).ToList();
        ThenRefused(WorkTask.Decide(new AddComment(Id, A, "all", many), Given(Created), As(Owner)), ErrorKind.Validation, "mentions_too_many", "mentions");
        var commented = Given(Created, new TaskCommentAdded(Id, A, Owner, "x"));
        ThenRefused(WorkTask.Decide(new EditComment(Id, A, "x", many), commented, As(Owner)), ErrorKind.Validation, "mentions_too_many", "mentions");
        ThenEvents(WorkTask.Decide(new AddComment(Id, A, "all", [.. many[..WorkTask.MaxMentions], many[0]]), Given(Created), As(Owner)),
            new TaskCommentAdded(Id, A, Owner, "all", many[..WorkTask.MaxMentions]));
    }
}

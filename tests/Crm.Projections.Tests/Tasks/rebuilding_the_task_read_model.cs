using Crm.Events;
using Crm.Events.Tasks;
using Crm.EventStore.Daemon;
using Crm.Projections.Tasks;
using Crm.Projections.Tests.Customers;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Tasks;

/// <summary>crm.tasks dropped and rebuilt from the events comes out identical; the workbench reads its buckets from it.</summary>
public sealed class rebuilding_the_task_read_model(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    [Fact]
    public async Task crm_tasks_rebuilt_from_zero_equals_the_table_built_inline()
    {
        var (owner, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        for (var i = 0; i < 5; i++)
        {
            var (id, a, b, c) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
            var about = new RelatedRecord("customer", Guid.CreateVersion7());
            await db.AppendAsync(id, "task",
                new TaskCreated(id, new TaskFields("Task " + i, "d", Day0.AddDays(i), TaskPriorities.High, ["x"]), owner, [other], [about]),
                new TaskEdited(id, [new FieldChange("name", "Task " + i, "Task " + i + "!"), new FieldChange("tags", "x", "x, y")]),
                new TaskSubtaskAdded(id, a, "One"), new TaskSubtaskAdded(id, b, "Two"), new TaskSubtaskCompleted(id, a),
                new TaskSubtasksReordered(id, [b, a]), new TaskCommentAdded(id, c, other, "Hi", [owner]),
                new TaskCommentEdited(id, c, "Hi", "Hello", [other], [owner]));
            object[] more = (i % 3) switch
            {
                0 => [new TaskCompleted(id), new TaskCommentDeleted(id, c), new TaskSubtaskRemoved(id, b)],
                1 => [new TaskReassigned(id, other, owner), new TaskParticipantsChanged(id, [owner], [other]),
                    new TaskRelatedChanged(id, [new RelatedRecord("lead", Guid.CreateVersion7())], [about]), new TaskSubtaskRenamed(id, b, "One", "2")],
                _ => [new TaskCompleted(id), new TaskReopened(id), new TaskArchived(id), new TaskSubtaskReopened(id, a)],
            };
            await db.AppendAsync(id, "task", more);
        }
        var before = await SnapshotAsync();
        Assert.Equal(5, before.Count);
        Assert.Contains(before, r => r.Contains("\"status\":\"archived\"", StringComparison.Ordinal));
        Assert.Contains(before, r => r.Contains("\"deleted\": true", StringComparison.Ordinal));
        Assert.Contains(before, r => r.Contains($"\"mentions\": [\"{other}\"]", StringComparison.Ordinal));

        var projections = CrmProjections.Inline().Where(p => p.Name == "crm.tasks").ToList();
        await using var daemon = new ProjectionDaemon(db.Store, projections, new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.RebuildAsync("crm.tasks");
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task the_row_read_back_equals_the_row_folded_from_the_stream()
    {
        var (id, owner) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(id, "task", new TaskCreated(id, new TaskFields("Fold me", null, null, TaskPriorities.None, []), owner, [], []),
            new TaskSubtaskAdded(id, Guid.CreateVersion7(), "Sub"), new TaskCommentAdded(id, Guid.CreateVersion7(), owner, "Note"));
        var row = (await new TaskQueries(db.Database.DataSource).GetAsync(id))!;
        var folded = (await db.Store.ReadAsOfAsync<TaskRow>(id, null, null, TaskRow.Evolve))!;
        Assert.Equal((row.Fields.Name, row.Version, row.Subtasks.Single(), row.Comments.Single().Text, row.CommentCount),
            (folded.Fields.Name, folded.Version, folded.Subtasks.Single(), folded.Comments.Single().Text, folded.CommentCount));
    }

    [Fact]
    public void every_task_event_and_the_attachment_events_are_handled_by_the_tasks_projection()
    {
        var events = EventCatalogue.All.Select(e => e.Type).Where(t => t.Namespace == typeof(TaskCreated).Namespace).ToList();
        Assert.Equal(17, events.Count);
        // And the attachments' events, which land in a task's stream too and move its version (its ETag).
        Assert.Equal([.. events, .. Crm.Projections.Attachments.AttachmentEventTypes.All], new TasksProjection().EventTypes);
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var cmd = db.Database.DataSource.CreateCommand(
            "select row_to_json(t)::text from crm.tasks t where t.name like 'Task %' order by row_to_json(t)::text");
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}

using System.Text.Json;
using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Tasks;

/// <summary>crm.tasks by column name, shared by the projection and the queries.</summary>
internal sealed class TaskSql() : RowBinder<TaskRow>("id",
    "id", "name", "description", "owner_id", "participant_ids", "due_at", "priority", "tags", "status", "completed_at", "related", "related_keys",
    "subtasks", "subtask_count", "subtasks_done", "comments", "comment_count", "created_by", "version", "created_at", "updated_at")
{
    public static readonly TaskSql Binder = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The select list of lists and the workbench: every column but the comments (a page shows only their count).</summary>
    public static string ListColumns => listColumns ??= string.Join(", ", Binder.Columns.Where(c => c != "comments")
        .Select(c => Binder.Select(c) is var s && s == c ? c : $"{s} as {c}"));

    private static string? listColumns;

    /// <summary>A row of a list (<see cref="ListColumns"/>): its comments left empty.</summary>
    public static TaskRow ReadListed(Npgsql.NpgsqlDataReader reader) => Binder.Read(new RowReader(reader), withComments: false);

    protected override string Select(string column) => column is "related" or "subtasks" or "comments" ? column + "::text" : column;

    public override TaskRow Read(RowReader r) => Read(r, withComments: true);

    private TaskRow Read(RowReader r, bool withComments) => new(
        r.Id("id"),
        new TaskFields(r.Text("name"), r.TextOrNull("description"), r.TimeOrNull("due_at"), r.Text("priority"), r.Value<string[]>("tags")),
        r.Id("owner_id"), r.Value<Guid[]>("participant_ids"),
        JsonSerializer.Deserialize<List<RelatedRecord>>(r.Text("related"), Json)!,
        r.Text("status"), r.TimeOrNull("completed_at"),
        JsonSerializer.Deserialize<List<TaskSubtaskRow>>(r.Text("subtasks"), Json)!,
        withComments ? JsonSerializer.Deserialize<List<TaskCommentRow>>(r.Text("comments"), Json)! : [],
        r.Int("comment_count"), r.IdOrNull("created_by"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(TaskRow row, RowValues v)
    {
        var f = row.Fields;
        v.Set("id", row.Id).Set("name", f.Name).Text("description", f.Description).Set("owner_id", row.OwnerId)
            .Set("participant_ids", row.ParticipantIds.ToArray()).Time("due_at", f.DueAt).Set("priority", f.Priority).Set("tags", f.Tags.ToArray())
            .Set("status", row.Status).Time("completed_at", row.CompletedAt).Json("related", JsonSerializer.Serialize(row.Related, Json))
            .Set("related_keys", row.Related.Select(x => x.Key).ToArray()).Json("subtasks", JsonSerializer.Serialize(row.Subtasks, Json))
            .Set("subtask_count", row.Subtasks.Count).Set("subtasks_done", row.Subtasks.Count(s => s.Done))
            .Json("comments", JsonSerializer.Serialize(row.Comments, Json)).Set("comment_count", row.CommentCount)
            .Id("created_by", row.CreatedBy).Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
    }
}

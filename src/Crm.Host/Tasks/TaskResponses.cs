using Crm.Projections.Tasks;
using Crm.Write.Tasks;

namespace Crm.Host.Tasks;

/// <summary>Task rows as the caller may see them: every link to a record they cannot see masked (kind only), in every answer.</summary>
public static class TaskResponses
{
    public static async Task<TaskResponse> FromAsync(TaskRow r, RelatedView view, WorkbenchBuckets.Bounds now, CancellationToken ct)
    {
        var links = new List<RelatedLinkResponse>(r.Related.Count);
        foreach (var link in r.Related)
            links.Add(await view.SeesAsync(link, ct) ? new RelatedLinkResponse(link.Kind, link.Id, false) : new RelatedLinkResponse(link.Kind, null, true));
        var f = r.Fields;
        return new TaskResponse(r.Id, f.Name, f.Description, f.DueAt, f.Priority, f.Tags, r.OwnerId, r.ParticipantIds, links, r.Status, r.CompletedAt,
            WorkbenchBuckets.Of(r.Status, f.DueAt, now), r.Subtasks.Select(s => new SubtaskResponse(s.Id, s.Title, s.Done)).ToList(), r.CommentCount,
            r.Version, r.CreatedAt, r.UpdatedAt);
    }

    public static async Task<IReadOnlyList<TaskResponse>> FromAsync(IReadOnlyList<TaskRow> rows, RelatedView view, WorkbenchBuckets.Bounds now,
        CancellationToken ct)
    {
        var items = new List<TaskResponse>(rows.Count);
        foreach (var row in rows) items.Add(await FromAsync(row, view, now, ct));
        return items;
    }
}

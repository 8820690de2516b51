using Crm.Events.Attachments;
using Crm.EventStore;
using Crm.Projections.Org;

namespace Crm.Projections.Attachments;

/// <summary>How every record's history shows its attachment events (one line in each kind's history).</summary>
public static class AttachmentHistory
{
    /// <summary>The entry's action and changes when <paramref name="e"/> is an attachment event; else null.</summary>
    public static (string Action, FieldChange[] Changes)? Of(StoredEvent e) => e.Data switch
    {
        AttachmentAdded x => ("attachment_added", [new FieldChange("attachments." + x.AttachmentId, null, $"{x.FileName} ({x.ContentType}, {x.Size} bytes)")]),
        AttachmentRemoved x => ("attachment_removed", [new FieldChange("attachments." + x.AttachmentId, "attached", null)]),
        _ => null,
    };
}

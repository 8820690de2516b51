using Crm.Events.Attachments;

namespace Crm.Projections.Attachments;

/// <summary>
/// The attachment events, which land in the streams of every kind that takes attachments. Each such kind's row projection handles
/// them too: its row's version is the record's ETag, the stream's version, so an upload or a deletion must move it (the row's fold
/// leaves everything else as it was). A row projection meets other kinds' attachment events as well and finds no row for them.
/// </summary>
public static class AttachmentEventTypes
{
    public static IReadOnlyList<Type> All { get; } = [typeof(AttachmentAdded), typeof(AttachmentRemoved)];
}

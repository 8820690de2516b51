using System.Collections.Immutable;
using Crm.Events.Attachments;

namespace Crm.Write.Attachments;

/// <summary>A record's attachments as its stream has them: every attachment id ever added, and whether it is still attached.</summary>
public sealed record AttachmentSet(ImmutableDictionary<Guid, bool> Attached)
{
    public static AttachmentSet Empty { get; } = new(ImmutableDictionary<Guid, bool>.Empty);

    public bool Holds(Guid attachmentId) => Attached.TryGetValue(attachmentId, out var live) && live;

    public bool Knows(Guid attachmentId) => Attached.ContainsKey(attachmentId);

    /// <summary>Folds the attachment events of the record's stream; every other event leaves the set as it is.</summary>
    public AttachmentSet Evolve(object @event) => @event switch
    {
        AttachmentAdded e => this with { Attached = Attached.SetItem(e.AttachmentId, true) },
        AttachmentRemoved e => this with { Attached = Attached.SetItem(e.AttachmentId, false) },
        _ => this,
    };
}

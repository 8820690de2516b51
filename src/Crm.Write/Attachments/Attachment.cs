using Crm.Events.Attachments;

namespace Crm.Write.Attachments;

/// <summary>A file to attach to a record: its bytes already read (within the size limit), hashed and sniffed by the handler.</summary>
public sealed record AddAttachment(Guid AttachmentId, Guid RecordId, string FileName, string ContentType, long Size, string Sha256);

/// <summary>An attachment to delete (an event on its record's stream; the history keeps it).</summary>
public sealed record RemoveAttachment(Guid AttachmentId, Guid RecordId);

/// <summary>The attachment decisions, on the record's attachments as its stream has them (the record's access is checked before).</summary>
public static class Attachment
{
    public const string NotFoundCode = "attachment_not_found";

    public static Decision Decide(AddAttachment command, string kind, AttachmentSet files, CommandContext context)
    {
        if (files.Knows(command.AttachmentId)) return TakenIds.Refusal();
        return Decision.Accept(new AttachmentAdded(command.AttachmentId, command.RecordId, kind, command.FileName, command.ContentType, command.Size,
            command.Sha256, context.ActorId, context.Now));
    }

    public static Decision Decide(RemoveAttachment command, string kind, AttachmentSet files, CommandContext context) =>
        files.Holds(command.AttachmentId)
            ? Decision.Accept(new AttachmentRemoved(command.AttachmentId, command.RecordId, kind, context.Now))
            : NotFound(command.AttachmentId);

    /// <summary>The one answer for an attachment that does not exist, was deleted, or belongs to a record outside the caller's reach.</summary>
    public static DomainError NotFound(Guid id) =>
        DomainError.NotFound(NotFoundCode, $"Attachment {id} does not exist or is outside your data scope.");
}

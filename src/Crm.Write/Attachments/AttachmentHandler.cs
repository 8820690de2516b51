using System.Security.Cryptography;
using Crm.Projections.Attachments;
using Crm.Write.Access;

namespace Crm.Write.Attachments;

/// <summary>A file for a record, as uploaded: the bytes (already within the size limit) and the name the client gave.</summary>
public sealed record UploadAttachment(AttachableKind Kind, Guid RecordId, string? FileName, ReadOnlyMemory<byte> Content);

/// <summary>
/// Attachment commands (docs/attachments.md): the record's access applied to its stream inside the command's cycle, the decision on
/// the record's attachments, the event appended to the record's stream at the version read — with the bytes, on upload, stored in the
/// same transaction (<see cref="AttachmentBlobs.Storing"/>).
/// </summary>
public sealed class AttachmentHandler(CommandHandler handler, AttachmentQueries attachments, IServiceProvider services, TimeProvider clock)
{
    public async Task<CommandOutcome> UploadAsync(UploadAttachment command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        if (command.Content.Length == 0)
            return CommandOutcome.Refused(command.RecordId, DomainError.Invalid("file", "file_empty", "The file is empty: there is nothing to attach."));
        var name = FileNames.Sanitise(command.FileName);
        var sha = SHA256.HashData(command.Content.Span);
        var add = new AddAttachment(Guid.CreateVersion7(), command.RecordId, name, ContentSniffer.Sniff(command.Content, name), command.Content.Length,
            Convert.ToHexStringLower(sha));
        var kind = command.Kind;
        return await kind.HandleAsync(handler, command.RecordId, caller, kind.Editing, services,
            files => Attachment.Decide(add, kind.Kind, files, Context(request)), request, AttachmentBlobs.Storing(sha, command.Content), ct);
    }

    /// <summary>
    /// Deletes an attachment: a caller who cannot see its record gets 404 attachment_not_found (never the record's code); one who sees it
    /// but may not edit it gets the record's refusal (403 team_read_only, or the permission's 403).
    /// </summary>
    public async Task<CommandOutcome> RemoveAsync(Guid attachmentId, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var (row, kind, hidden) = await ReachAsync(attachmentId, caller, ct);
        if (hidden is not null) return CommandOutcome.Refused(attachmentId, hidden);
        if (!caller.Can(kind!.Editing.Permission)) return CommandOutcome.Refused(attachmentId, PermissionDenied(kind.Editing.Permission));
        var remove = new RemoveAttachment(attachmentId, row!.RecordId);
        var outcome = await kind.HandleAsync(handler, row.RecordId, caller, kind.Editing, services,
            files => Attachment.Decide(remove, kind.Kind, files, Context(request)), request, null, ct);
        return outcome.Error is { Kind: ErrorKind.NotFound } ? CommandOutcome.Refused(attachmentId, Attachment.NotFound(attachmentId)) : outcome;
    }

    /// <summary>
    /// For reads of one attachment: its row, its record's kind, or 404 attachment_not_found when it does not exist or its record is
    /// outside the caller's reach for reading (the kind's detail permission, as the record's own reads).
    /// </summary>
    public async Task<(AttachmentRow? Row, AttachableKind? Kind, DomainError? Refusal)> ReachAsync(Guid attachmentId, Caller caller, CancellationToken ct)
    {
        var row = await attachments.GetAsync(attachmentId, ct);
        var kind = row is null ? null : AttachableKinds.ByKind(row.RecordKind);
        if (row is null || kind is null || !caller.Can(kind.Reading.Permission)
            || await kind.ReachAsync(row.RecordId, caller, kind.Reading, services, ct) is not null)
            return (null, null, Attachment.NotFound(attachmentId));
        return (row, kind, null);
    }

    private static DomainError PermissionDenied(string permission) =>
        DomainError.Forbidden("permission_denied", $"None of your roles grants '{permission}'.") with
        {
            Extensions = new Dictionary<string, object> { ["permission"] = permission },
        };

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}

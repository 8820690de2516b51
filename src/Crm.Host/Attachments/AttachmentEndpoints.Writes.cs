using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Attachments;
using Crm.Write.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Attachments;

public static partial class AttachmentEndpoints
{
    private static async Task<Results<Created<AttachmentResponse>, ProblemHttpResult>> UploadAsync(AttachableKind kind, Guid id, AttachmentServices s)
    {
        var limit = (await s.Settings.CurrentAsync(s.Ct))[SystemSettings.AttachmentMaxMegabytes];
        var (file, problem) = await AttachmentUpload.ReadAsync(s.Http.Request, limit, s.Ct);
        if (problem is not null) return problem;
        var request = s.Http.Command();
        // The key's fingerprint is the file (its name and bytes): the prelude saw no body it could read.
        if (request.IdempotencyKey is not null)
            request = request with { RequestHash = Idempotency.RequestHash(s.Http.Request, new { file!.FileName, sha256 = Hash(file.Content) }) };
        var outcome = await s.Handler.UploadAsync(new UploadAttachment(kind, id, file!.FileName, file.Content), s.Caller, request, s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        if (await WrittenAsync(outcome, s) is not { } row)
            return DomainError.NotFound(Attachment.NotFoundCode, "The attachment this Idempotency-Key created was deleted since.").ToProblem();
        if (outcome.Replayed) s.Http.Response.Headers[Idempotency.ReplayedHeader] = "true";
        // The record's version after the upload (= recordVersion): the If-Match of the record's next change.
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Created($"/api/attachments/{row.Id}", AttachmentResponse.From(row));
    }

    /// <summary>Delete an attachment.</summary>
    /// <param name="id">The attachment's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] AttachmentServices s)
    {
        var outcome = await s.Handler.RemoveAsync(id, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        // The record's version after the removal (the outcome is its stream's).
        s.Http.Response.SetETag(outcome.Version);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The attachment as written: from the event just appended, or — for a replayed Idempotency-Key — the attachment its record's stream
    /// gained at the version the first call wrote (the inline read model has it: it committed with that append).
    /// </summary>
    private static async Task<Projections.Attachments.AttachmentRow?> WrittenAsync(CommandOutcome outcome, AttachmentServices s)
    {
        if (outcome.Events.OfType<Events.Attachments.AttachmentAdded>().FirstOrDefault() is { } added)
        {
            return new(added.AttachmentId, added.RecordKind, added.RecordId, added.FileName, added.ContentType, added.Size, added.Sha256,
                added.UploadedBy, added.At, outcome.Version);
        }
        return await s.Attachments.AtVersionAsync(outcome.StreamId, outcome.Version, s.Ct);
    }

    private static string Hash(ReadOnlyMemory<byte> content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content.Span));
}

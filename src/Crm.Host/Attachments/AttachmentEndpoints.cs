using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write.Attachments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Crm.Host.Attachments;

/// <summary>
/// /api/{kind}/{id}/attachments and /api/attachments/{id} (issue 14), one pair of routes per kind in <see cref="AttachableKinds"/>. Each
/// endpoint parses, calls the attachment handler (writes, in AttachmentEndpoints.Writes.cs) or the queries after the record's access
/// (reads), and maps.
/// </summary>
public static partial class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        foreach (var kind in AttachableKinds.All)
        {
            var group = app.MapGroup($"/api/{kind.Route}").WithTags("Attachments").RequireAuthorization();
            var name = OperationName(kind);
            group.MapPost("/{id}/attachments", (Guid id, [AsParameters] AttachmentServices s) => UploadAsync(kind, id, s))
                .WithName($"Upload{name}Attachment").RequirePermission(kind.Editing.Permission)
                .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey)
                .Accepts<IFormFile>("multipart/form-data").WithFilePart(AttachmentUpload.Field, "The file; exactly one file part.")
                .WithETagHeader(AttachmentApiDocs.RecordETag).Documented(AttachmentApiDocs.Upload(kind));
            group.MapGet("/{id}/attachments", (Guid id, [AsParameters] AttachmentServices s) => ListAsync(kind, id, s))
                .WithName($"List{name}Attachments").RequirePermission(kind.Reading.Permission).Documented(AttachmentApiDocs.List(kind));
        }
        var one = app.MapGroup("/api/attachments").WithTags("Attachments").RequireAuthorization();
        one.MapGet("/{id}", Get).WithName("GetAttachment").Documented(AttachmentApiDocs.Get);
        one.MapGet("/{id}/content", Download).WithName("DownloadAttachment").WithFileResponse(ContentSniffer.Types).Documented(AttachmentApiDocs.Download);
        one.MapDelete("/{id}", Delete).WithName("DeleteAttachment").AsCommand(CommandHeaders.IfMatch)
            .WithETagHeader(AttachmentApiDocs.RecordETag).Documented(AttachmentApiDocs.Delete);
        return app;
    }

    private static async Task<Results<Ok<AttachmentListResponse>, ProblemHttpResult>> ListAsync(AttachableKind kind, Guid id, AttachmentServices s)
    {
        if (await kind.ReachAsync(id, s.Caller, kind.Reading, s.Services, s.Ct) is { } refusal) return refusal.ToProblem();
        var rows = await s.Attachments.OfRecordAsync(id, s.Ct);
        return TypedResults.Ok(new AttachmentListResponse(rows.Select(AttachmentResponse.From).ToList()));
    }

    /// <summary>Read an attachment.</summary>
    /// <param name="id">The attachment's id.</param>
    private static async Task<Results<Ok<AttachmentResponse>, ProblemHttpResult>> Get(Guid id, [AsParameters] AttachmentServices s)
    {
        var (row, _, refusal) = await s.Handler.ReachAsync(id, s.Caller, s.Ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(AttachmentResponse.From(row!));
    }

    /// <summary>Download an attachment's content.</summary>
    /// <param name="id">The attachment's id.</param>
    private static async Task<IResult> Download(Guid id, [AsParameters] AttachmentServices s)
    {
        var (row, _, refusal) = await s.Handler.ReachAsync(id, s.Caller, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        var response = s.Http.Response;
        var type = row!.ContentType.StartsWith("text/", StringComparison.Ordinal) ? row.ContentType + "; charset=utf-8" : row.ContentType;
        response.ContentLength = row.Size;
        response.Headers[HeaderNames.ETag] = $"\"{row.Sha256}\"";
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentDisposition] = ContentDisposition(row.FileName);
        return Results.Stream(body => s.Blobs.CopyToAsync(row.Sha256, body, s.Ct), type);
    }

    /// <summary><c>attachment; filename="ascii"; filename*=UTF-8''percent-encoded</c>: every client gets a name, modern ones the real one.</summary>
    internal static string ContentDisposition(string fileName)
    {
        var ascii = new string(fileName.Select(c => c is >= ' ' and <= '~' and not ('"' or '\\' or '%') ? c : '_').ToArray());
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }

    private static string OperationName(AttachableKind kind) => char.ToUpperInvariant(kind.Kind[0]) + kind.Kind[1..];
}

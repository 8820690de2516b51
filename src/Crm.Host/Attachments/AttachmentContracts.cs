using Crm.Projections.Attachments;

namespace Crm.Host.Attachments;

/// <summary>One attachment: what it is, whose it is and where its bytes are.</summary>
/// <param name="RecordKind">lead, customer, contact, opportunity, contract or product.</param>
/// <param name="FileName">The sanitised name; "[erased]" once the record's personal data was erased.</param>
/// <param name="ContentType">Sniffed from the content at upload, never taken from the client.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">The content's SHA-256 (lower-case hex): the download's ETag.</param>
/// <param name="RecordVersion">The record's version after the upload (its history shows the upload at this version).</param>
/// <param name="Content">Where to download the bytes: GET /api/attachments/{id}/content.</param>
public sealed record AttachmentResponse(
    Guid Id, string RecordKind, Guid RecordId, string FileName, string ContentType, long Size, string Sha256, Guid? UploadedBy,
    DateTimeOffset UploadedAt, long RecordVersion, string Content)
{
    public static AttachmentResponse From(AttachmentRow row) => new(row.Id, row.RecordKind, row.RecordId, row.FileName, row.ContentType, row.Size,
        row.Sha256, row.UploadedBy, row.UploadedAt, row.Version, $"/api/attachments/{row.Id}/content");
}

/// <summary>A record's attachments, oldest first (not paged: a record has few).</summary>
public sealed record AttachmentListResponse(IReadOnlyList<AttachmentResponse> Items);

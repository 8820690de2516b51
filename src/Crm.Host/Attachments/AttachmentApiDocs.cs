using Crm.Host.Platform;
using Crm.Write.Attachments;

namespace Crm.Host.Attachments;

/// <summary>What the OpenAPI document says about each attachment operation (issue 14), beside the route table.</summary>
internal static class AttachmentApiDocs
{
    public const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e01","recordKind":"customer","recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21",
        "fileName":"合同扫描件.pdf","contentType":"application/pdf","size":48213,
        "sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","uploadedBy":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
        "uploadedAt":"2026-03-01T09:00:00+00:00","recordVersion":4,"content":"/api/attachments/0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e01/content"}
        """;

    /// <summary>The ETag of an upload's and a deletion's answer.</summary>
    public const string RecordETag =
        "The record's version after this change, as a strong ETag \"<version>\" (an upload's recordVersion): the If-Match of its next change.";

    private const string IfMatch = " If-Match is the record's ETag (its version, as GET on the record, an upload or a deletion answers it): "
        + "412 stale_version when the record changed since, and nothing is written.";

    public static ApiDoc Upload(AttachableKind kind) => new($"Attach a file to a {kind.Kind}",
        $"multipart/form-data with one file part (named file). At most the attachmentMaxMegabytes setting (413 attachment_too_large "
        + "naming the limit); an empty file, no file or two files are 400 naming file; another media type is 415. The content type is "
        + "sniffed from the bytes (the part's Content-Type is ignored), the name is sanitised (paths, control and bidi characters, "
        + "device names removed; at most 200 characters). The same bytes are stored once. The upload is a change of the "
        + $"{kind.Kind}: its history shows it, a read-only team member is refused (403 team_read_only), a {kind.Kind} outside your "
        + $"scope is 404 {kind.Kind}_not_found. With Idempotency-Key, a retry with the same file answers the first response." + IfMatch)
    { Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 403, 404, 412, 413, 415, 422] };

    public static ApiDoc List(AttachableKind kind) => new($"A {kind.Kind}'s attachments",
        $"Oldest first, deleted ones left out. 404 {kind.Kind}_not_found outside your data scope.")
    { Response = $$"""{"items":[{{Example}}]}""", Problems = [404] };

    public static readonly ApiDoc Get = new("Read an attachment",
        "What it is and whose. Reached exactly as its record is read (the record kind's detail permission and data scope, its team); "
        + "otherwise 404 attachment_not_found, whatever the record.")
    { Response = Example, Problems = [404] };

    public static readonly ApiDoc Download = new("Download an attachment's content",
        "The bytes with Content-Type as sniffed at upload, Content-Disposition: attachment (filename* in UTF-8), "
        + "X-Content-Type-Options: nosniff and ETag: the SHA-256. Reached as its record is read; otherwise 404 attachment_not_found.")
    { Problems = [404] };

    public static readonly ApiDoc Delete = new("Delete an attachment",
        "A change of its record (attachment.removed in the record's history); the file leaves the list and cannot be downloaded. Needs "
        + "the record kind's edit permission (403 permission_denied) and read-write access (403 team_read_only); outside your scope 404 "
        + "attachment_not_found." + IfMatch)
    { Problems = [400, 403, 404, 412] };
}

namespace Crm.Events.Attachments;

// Attachments (issue 14) are files on a record: a lead, customer, contact, opportunity, contract or product (tasks next). Their
// events go into the record's own stream, so the record's history shows them and a version check on the record orders them
// against its other changes (an erasure above all). The bytes are not in the event: they are stored once per SHA-256 in
// crm.attachment_blobs (docs/attachments.md).

/// <summary>A file was attached to a record.</summary>
/// <param name="RecordKind">The record's kind in the API's words (customer, lead, …), as its not-found code names it.</param>
/// <param name="FileName">The sanitised file name as the uploader's client gave it; it may name a person, so an erasure masks it.</param>
/// <param name="ContentType">The media type sniffed from the content (never the client's label).</param>
/// <param name="Sha256">The content's SHA-256, lower-case hex: the key of its bytes in crm.attachment_blobs.</param>
public sealed record AttachmentAdded(
    Guid AttachmentId, Guid RecordId, string RecordKind, [property: PersonalData] string FileName, string ContentType, long Size,
    string Sha256, Guid? UploadedBy, DateTimeOffset At);

/// <summary>An attachment was deleted: it leaves the record's list and can no longer be downloaded; its history stays.</summary>
public sealed record AttachmentRemoved(Guid AttachmentId, Guid RecordId, string RecordKind, DateTimeOffset At);

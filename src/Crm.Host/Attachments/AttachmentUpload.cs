using Crm.Host.Platform;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Crm.Host.Attachments;

/// <summary>One file read from an upload: its name as the client sent it and its bytes.</summary>
public sealed record UploadedFile(string? FileName, ReadOnlyMemory<byte> Content);

/// <summary>
/// Reads an attachment upload: exactly one file part of a multipart/form-data body, read part by part and never past the
/// attachmentMaxMegabytes limit and one byte (413 attachment_too_large naming the limit). Kestrel's own body limit is raised for
/// this request to the limit and the form's overhead, and its refusal answered with the same problem, never a bare 413.
/// </summary>
public static class AttachmentUpload
{
    public const string Field = "file";
    public const string TooLargeCode = "attachment_too_large";

    /// <summary>What a form may carry besides the file: boundaries, part headers, a few small fields.</summary>
    private const long FormOverhead = 64 * 1024;

    public static async Task<(UploadedFile? File, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxMegabytes, CancellationToken ct)
    {
        var limit = maxMegabytes * 1024 * 1024;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, NotMultipart());
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70) return (null, FormInvalid("The multipart form names no usable boundary."));
        // Twice the limit: after a refusal Kestrel reads the rest of the body to its end (a few seconds at most), so the client,
        // still sending, reads the 413; a body past Kestrel's limit closes the connection on unread bytes, which resets it and can
        // lose the answer on the way.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = 2 * limit + FormOverhead;
        if (request.ContentLength > limit + FormOverhead) return (null, TooLarge(maxMegabytes));
        try
        {
            return await ReadPartsAsync(new MultipartReader(boundary, request.Body), limit, maxMegabytes, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxMegabytes));
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            // A malformed or truncated multipart body (a part cut off, headers too long): the client's fault, not a 500.
            return (null, FormInvalid("The multipart form could not be read: " + e.Message));
        }
    }

    private static async Task<(UploadedFile?, ProblemHttpResult?)> ReadPartsAsync(MultipartReader reader, long limit, long maxMegabytes, CancellationToken ct)
    {
        UploadedFile? file = null;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            if (disposition is null || !disposition.IsFileDisposition())
            {
                await section.Body.CopyToAsync(Stream.Null, ct);
                continue;
            }
            if (file is not null) return (null, DomainProblems.Invalid(Field, "file_repeated", "Send one file per upload."));
            var content = await ReadLimitedAsync(section.Body, limit, ct);
            if (content is null) return (null, TooLarge(maxMegabytes));
            var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value is { Length: > 0 } star
                ? star
                : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            file = new UploadedFile(name, content.Value);
        }
        return file is null ? (null, DomainProblems.Invalid(Field, "file_required", "Attach the file as a file part of the multipart form.")) : (file, null);
    }

    /// <summary>The part's bytes; null as soon as it is longer than <paramref name="limit"/> (at most one byte more is read).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(Stream body, long limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var want = (int)Math.Min(chunk.Length, limit + 1 - buffer.Length);
            var read = await body.ReadAsync(chunk.AsMemory(0, want), ct);
            if (read == 0) return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return null;
        }
    }

    public static ProblemHttpResult TooLarge(long maxMegabytes) => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { [Field] = [$"A file has at most {maxMegabytes} MB (the attachmentMaxMegabytes setting)."] })
    {
        Status = StatusCodes.Status413PayloadTooLarge, Title = ProblemTypes.TitleOf(StatusCodes.Status413PayloadTooLarge),
        Type = ProblemTypes.Of(StatusCodes.Status413PayloadTooLarge),
        Detail = $"The file is larger than {maxMegabytes} MB, the limit the attachmentMaxMegabytes setting sets.",
        Extensions = { ["code"] = TooLargeCode, ["field"] = Field },
    });

    private static ProblemHttpResult FormInvalid(string message) => DomainProblems.Invalid(Field, "form_invalid", message);

    private static ProblemHttpResult NotMultipart() => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { [UnsupportedMediaType.Field] = ["Send the file as multipart/form-data."] })
    {
        Status = StatusCodes.Status415UnsupportedMediaType, Title = ProblemTypes.TitleOf(StatusCodes.Status415UnsupportedMediaType),
        Type = ProblemTypes.Of(StatusCodes.Status415UnsupportedMediaType), Detail = "An attachment is uploaded as multipart/form-data.",
        Extensions = { ["code"] = UnsupportedMediaType.Code },
    });
}

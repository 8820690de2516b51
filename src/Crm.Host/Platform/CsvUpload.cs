using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Platform;

/// <summary>
/// How every import endpoint takes its file: the CSV as the body (text/csv or text/plain) or as the first file of
/// a multipart/form-data upload. A form that cannot be read, a missing file, a file name PostgreSQL cannot store,
/// another media type, or a body over the server's limit each answer one problem naming "file".
/// </summary>
public static class CsvUpload
{
    public static async Task<(Stream? Body, string? FileName, ProblemHttpResult? Problem)> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel's body limit: the same 413 as any other body over it (this exception is an IOException too, so it comes first).
                return (null, null, TooLarge());
            }
            catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
            {
                // A malformed, truncated or oversized multipart body (a missing boundary, a part cut off): the client's fault, not a 500.
                return (null, null, DomainProblems.Invalid("file", "form_invalid", "The multipart form could not be read: " + e.Message));
            }
            var file = form.Files.Count > 0 ? form.Files[0] : null;
            if (file is null) return (null, null, DomainProblems.Invalid("file", "file_required", "Attach the CSV as a file of the multipart form."));
            // The name is kept with the import's report; one PostgreSQL refuses (NUL, however encoded) is refused before anything is written.
            if (!CleanText.IsClean(file.FileName)) return (null, null, DomainProblems.Invalid("file", CleanText.Code, "The file's name: " + CleanText.Message));
            return IsCsvPart(file.ContentType) ? (file.OpenReadStream(), file.FileName, null) : (null, null, NotCsv());
        }
        var type = request.ContentType ?? "";
        if (!type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
            return (null, null, NotCsv());
        return (request.Body, null, null);
    }

    // What browsers and spreadsheets label a .csv file with (Windows says application/vnd.ms-excel); no label is taken too.
    private static bool IsCsvPart(string? type) =>
        string.IsNullOrEmpty(type) || new[] { "text/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream" }
            .Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { ["file"] = ["The upload is larger than the server takes."] })
    {
        Status = StatusCodes.Status413PayloadTooLarge, Title = "The request is too large.",
        Detail = "The upload is larger than the server takes.", Extensions = { ["code"] = "body_too_large" },
    });

    private static ProblemHttpResult NotCsv() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status415UnsupportedMediaType, Title = "The request cannot be processed.",
        Detail = "Send the CSV as text/csv, or as a file in multipart/form-data.", Extensions = { ["code"] = "csv_required" },
    });
}

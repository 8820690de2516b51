using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Crm.Host.Platform;

/// <summary>
/// Turns binding failures (malformed JSON, a value of the wrong type, an unparsable id or query
/// parameter) into a 400 validation problem naming the field. The framework's messages mention CLR
/// types, so clients get our own wording instead.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var (field, code, message) = Describe(bad);
        context.Response.StatusCode = bad.StatusCode;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request is not valid." : ProblemTypes.TitleOf(bad.StatusCode),
            // The section of the status answered: the binder also refuses with 413 and 415, not only 400.
            Type = ProblemTypes.Of(bad.StatusCode),
            // The same shape as every other validation problem: the field under errors, and a code to branch on.
            Extensions = { ["code"] = code },
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static (string Field, string Code, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            if (MissingRequired().Match(json.Message) is { Success: true } missing)
                return (missing.Groups[1].Value, "field_required", "This field is required.");
            if (Unmapped().Match(json.Message) is { Success: true } unknown) return (unknown.Groups[1].Value, "field_unknown", "This field is not known.");
            var path = json.Path?.TrimStart('$').TrimStart('.');
            return string.IsNullOrEmpty(path)
                ? ("body", "json_invalid", "The body is not valid JSON.")
                : (path, "field_invalid", "The value is not valid for this field.");
        }
        if (BindFailure().Match(bad.Message) is { Success: true } bind)
            // A parameter bound from a record ([AsParameters]) is reported by its C# name; the wire names are camelCase.
            return (JsonNamingPolicy.CamelCase.ConvertName(bind.Groups[1].Value), "parameter_invalid", "The value is not valid for this parameter.");
        if (MissingParameter().Match(bad.Message) is { Success: true } required)
            return (required.Groups[1].Value, "parameter_required", "This parameter is required.");
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge) return ("body", "body_too_large", "The body is larger than the server takes.");
        // A body without a Content-Type reaches the binder (routing refuses any other type first).
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return (UnsupportedMediaType.Field, UnsupportedMediaType.Code, UnsupportedMediaType.Message);
        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)) return ("body", "body_required", "A JSON body is required.");
        return ("request", "request_invalid", "The request is not valid.");
    }

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("property '([^']+)' could not be mapped")]
    private static partial Regex Unmapped();

    [GeneratedRegex("Failed to bind parameter \"[^\"]* (\\w+)\" from")]
    private static partial Regex BindFailure();

    [GeneratedRegex("Required parameter \"[^\"]* (\\w+)\" was not provided")]
    private static partial Regex MissingParameter();
}

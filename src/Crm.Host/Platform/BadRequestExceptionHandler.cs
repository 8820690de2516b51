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
        var (field, message) = Describe(bad);
        context.Response.StatusCode = bad.StatusCode;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request is not valid." : "The request cannot be processed.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            if (MissingRequired().Match(json.Message) is { Success: true } missing) return (missing.Groups[1].Value, "This field is required.");
            if (Unmapped().Match(json.Message) is { Success: true } unknown) return (unknown.Groups[1].Value, "This field is not known.");
            var path = json.Path?.TrimStart('$').TrimStart('.');
            return string.IsNullOrEmpty(path) ? ("body", "The body is not valid JSON.") : (path, "The value is not valid for this field.");
        }
        if (BindFailure().Match(bad.Message) is { Success: true } bind) return (bind.Groups[1].Value, "The value is not valid for this parameter.");
        if (MissingParameter().Match(bad.Message) is { Success: true } required) return (required.Groups[1].Value, "This parameter is required.");
        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)) return ("body", "A JSON body is required.");
        return ("request", "The request is not valid.");
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

using Microsoft.AspNetCore.Diagnostics;

namespace Crm.Host.Platform;

/// <summary>
/// The last resort: log the fault with its stack trace, answer a problem that reveals none of it. A
/// database that cannot be reached (an outage, a restart, a full pool) is not a bug: it answers 503
/// database_unavailable with Retry-After, so clients and proxies back off and try again.
/// </summary>
public sealed class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client waits before retrying when the database is unavailable.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (DatabaseRetry.IsTransient(exception)) return await UnavailableAsync(context, exception);
        logger.LogError(exception, "Unhandled fault in {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new()
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side.",
                Detail = "The fault is logged under this request's requestId; quote it when reporting the problem.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
            },
        });
    }

    private async ValueTask<bool> UnavailableAsync(HttpContext context, Exception exception)
    {
        logger.LogWarning(exception, "Database unavailable in {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable for a moment.",
            Detail = $"Try again after {RetryAfterSeconds} seconds. A write may or may not have been stored: "
                     + "send it again with the same Idempotency-Key to be sure it is stored exactly once.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        };
        problem.Extensions["code"] = "database_unavailable";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}

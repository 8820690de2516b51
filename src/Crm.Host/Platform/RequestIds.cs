namespace Crm.Host.Platform;

/// <summary>The ids that tie a request to its logs and to the events it writes.</summary>
public sealed record RequestIds(string RequestId, string CorrelationId);

public static class RequestIdMiddleware
{
    public const string RequestIdHeader = "X-Request-Id";
    public const string CorrelationIdHeader = "X-Correlation-Id";
    private const int MaxLength = 128;

    public static RequestIds GetRequestIds(this HttpContext context) =>
        context.Features.Get<RequestIds>() ?? new RequestIds(context.TraceIdentifier, context.TraceIdentifier);

    /// <summary>
    /// Takes the caller's X-Request-Id (or makes one), echoes it, and scopes every log line of the
    /// request with it, so a client's bug report can be matched to logs and to the events in the store.
    /// </summary>
    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var requestId = Usable(context.Request.Headers[RequestIdHeader]) ?? Guid.CreateVersion7().ToString("N");
        var correlationId = Usable(context.Request.Headers[CorrelationIdHeader]) ?? requestId;
        context.Features.Set(new RequestIds(requestId, correlationId));
        // Set when the response starts: the exception handler clears headers set before it ran.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[RequestIdHeader] = requestId;
            return Task.CompletedTask;
        });
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Crm.Host.Requests");
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId, ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    });

    // Header values end up in logs, event metadata and the response's own header: refuse anything long or not printable
    // ASCII (Kestrel throws on echoing a non-ASCII value, which would turn every request into an empty 500).
    private static string? Usable(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxLength || !value.All(c => c is >= ' ' and <= '~') ? null : value.Trim();
}

namespace Crm.Host.Platform;

/// <summary>
/// The input boundary: before any endpoint runs, the query string, the route values and a JSON body are
/// checked once (<see cref="QueryCheck"/>, <see cref="CleanText"/>, <see cref="JsonBodyCheck"/>), and a
/// fault is a 400 problem naming the field, with nothing read further and nothing written.
/// </summary>
public static class InputChecks
{
    /// <summary>The largest JSON body taken; every body the API defines is far smaller (files go to the CSV import).</summary>
    public const int MaxJsonBodyBytes = 1 << 20;

    public static IApplicationBuilder UseCrmInputChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var fault = QueryCheck.Find(context.Request.QueryString.Value) ?? RouteFault(context);
        // A request no endpoint takes is answered 404/405 without its body being read.
        if (fault is null && context.GetEndpoint() is not null && context.Request.HasJsonContentType())
        {
            if (!IsUtf8(context.Request.ContentType))
            {
                // The binder would transcode (UTF-16, Latin-1...) text this check never saw; JSON is UTF-8 (RFC 8259).
                await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType,
                    new InputFault("body", "charset_unsupported", "A JSON body is sent as UTF-8 (charset=utf-8 or no charset)."));
                return;
            }
            var (body, length, tooLarge) = await ReadBodyAsync(context.Request);
            if (tooLarge)
            {
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                    new InputFault("body", "body_too_large", $"A JSON body has at most {MaxJsonBodyBytes} bytes."));
                return;
            }
            fault = JsonBodyCheck.Find(body.AsSpan(0, length));
            // The endpoint binds from the bytes already read.
            context.Request.Body = new MemoryStream(body, 0, length, writable: false);
        }
        if (fault is not null)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, fault);
            return;
        }
        await next(context);
    });

    private static InputFault? RouteFault(HttpContext context)
    {
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && !CleanText.IsClean(text)) return new InputFault(name, CleanText.Code, CleanText.Message);
        }
        return null;
    }

    private static bool IsUtf8(string? contentType) =>
        !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type) || type.Charset.Length == 0
        || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || type.Charset.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase)
        || type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    // One buffer, sized from Content-Length when given, read into directly: no chunk copies, no final copy.
    private static async Task<(byte[] Body, int Length, bool TooLarge)> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxJsonBodyBytes) return ([], 0, true);
        var body = new byte[request.ContentLength is { } declared ? (int)declared + 1 : 16 * 1024];
        var length = 0;
        while (true)
        {
            if (length == body.Length)
            {
                if (length > MaxJsonBodyBytes) return ([], 0, true);
                Array.Resize(ref body, Math.Min(body.Length * 2, MaxJsonBodyBytes + 1));
            }
            var read = await request.Body.ReadAsync(body.AsMemory(length), request.HttpContext.RequestAborted);
            if (read == 0) break;
            length += read;
            if (length > MaxJsonBodyBytes) return ([], 0, true);
        }
        return (body, length, false);
    }

    private static async Task WriteAsync(HttpContext context, int status, InputFault fault)
    {
        context.Response.StatusCode = status;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [fault.Field] = [fault.Message] })
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request's media type is not supported.",
                _ => "The request is not valid.",
            },
            Detail = fault.Message,
            Extensions = { ["code"] = fault.Code },
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}

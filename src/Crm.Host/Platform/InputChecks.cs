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
        if (fault is null && context.Request.HasJsonContentType())
        {
            var (body, tooLarge) = await ReadBodyAsync(context.Request);
            if (tooLarge)
            {
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                    new InputFault("body", "body_too_large", $"A JSON body has at most {MaxJsonBodyBytes} bytes."));
                return;
            }
            fault = JsonBodyCheck.Find(body);
            // The endpoint binds from the bytes already read.
            context.Request.Body = new MemoryStream(body, writable: false);
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

    private static async Task<(byte[] Body, bool TooLarge)> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxJsonBodyBytes) return ([], true);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxJsonBodyBytes) return ([], true);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), false);
    }

    private static async Task WriteAsync(HttpContext context, int status, InputFault fault)
    {
        context.Response.StatusCode = status;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [fault.Field] = [fault.Message] })
        {
            Status = status,
            Title = status == StatusCodes.Status400BadRequest ? "The request is not valid." : "The request is too large.",
            Detail = fault.Message,
            Extensions = { ["code"] = fault.Code },
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}

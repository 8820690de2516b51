using Microsoft.AspNetCore.Diagnostics;

namespace Crm.Host.Platform;

/// <summary>
/// A JSON endpoint sent another media type. Routing refuses a Content-Type no endpoint accepts (an empty 415, filled
/// in by the status code pages); the binder refuses a body sent without one (<see cref="BadRequestExceptionHandler"/>).
/// Both answer this one problem, so clients meet one code and one field.
/// </summary>
public static class UnsupportedMediaType
{
    public const string Field = "Content-Type";
    public const string Code = "media_type_unsupported";
    public const string Message = "This endpoint takes a JSON body: send it with Content-Type: application/json.";

    public static HttpValidationProblemDetails Problem() => new(new Dictionary<string, string[]> { [Field] = [Message] })
    {
        Status = StatusCodes.Status415UnsupportedMediaType,
        Title = ProblemTypes.TitleOf(StatusCodes.Status415UnsupportedMediaType),
        Type = ProblemTypes.Of(StatusCodes.Status415UnsupportedMediaType),
        Detail = Message,
        Extensions = { ["code"] = Code },
    };

    /// <summary>The framework's status code pages, except that routing's empty 415 gets this problem.</summary>
    public static StatusCodePagesOptions StatusCodePages()
    {
        var framework = new StatusCodePagesOptions();
        return new StatusCodePagesOptions
        {
            HandleAsync = async context =>
            {
                var http = context.HttpContext;
                if (http.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType
                    && await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                        .TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Problem() }))
                    return;
                await framework.HandleAsync(context);
            },
        };
    }
}

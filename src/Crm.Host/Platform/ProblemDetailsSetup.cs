using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Crm.Host.Platform;

/// <summary>RFC 9457 problem details for every failure: domain refusals, bad input, unknown routes and crashes.</summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddCrmProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            context.ProblemDetails.Instance ??= http.Request.Path;
            // Every problem names its type, also the statuses the framework has no default for (413, 429).
            context.ProblemDetails.Type ??= ProblemTypes.Of(context.ProblemDetails.Status ?? http.Response.StatusCode);
            context.ProblemDetails.Title ??= ProblemTypes.TitleOf(context.ProblemDetails.Status ?? http.Response.StatusCode);
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
            context.ProblemDetails.Extensions["requestId"] = http.GetRequestIds().RequestId;
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        // Bad bodies and parameters throw instead of answering an empty 400, so the handler above can
        // name the field at fault.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            // A misspelt field would otherwise be ignored and a PATCH would silently change nothing.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            // Numbers are numbers: "5" for a version is refused, and the OpenAPI schema says integer, not integer-or-string.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // InputChecks refuses these before binding; the binder refuses them too, should a body ever reach it another way.
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.MaxDepth = JsonBodyCheck.MaxDepth;
        });
        // Kestrel refuses a header whose bytes are not UTF-8 with an empty 400 before any of our code runs; decode
        // such bytes as U+FFFD instead, so the header's own check (e.g. Idempotency-Key) answers a problem naming it.
        services.Configure<KestrelServerOptions>(o => o.RequestHeaderEncodingSelector = _ => LenientUtf8);
        return services;
    }

    private static readonly Encoding LenientUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static WebApplication UseCrmProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Inside the handler: a read that still fails after its retries is answered by it (503 when the database is away).
        app.UseReadRetries();
        // Empty 404 / 405 / 415 answers from routing get a problem body too (415 with its code and field).
        app.UseStatusCodePages(UnsupportedMediaType.StatusCodePages());
        return app;
    }
}

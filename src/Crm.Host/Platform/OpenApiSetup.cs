using Crm.Host.Auth;
using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>The OpenAPI document at /openapi/v1.json, generated from the endpoints, and the interactive page at /docs.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddCrmOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CRM API",
                Version = "v1",
                Description = "Event-sourced CRM. Errors are RFC 9457 problem details; reads return ETag \"<version>\", "
                    + "writes take If-Match; POSTs take Idempotency-Key; records read back in time with ?asOf= or ?version=.",
            };
            // The server the document was read from, without the trailing slash a client would double in base + "/api/…".
            foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
            return Task.CompletedTask;
        }).AddBearerSecurity().AddRequestSchemaRules().AddProblemSchema().AddFilterTree().AddResponseHeaders());
        return services;
    }

    public static WebApplication MapCrmDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "CRM API v1");
            o.DocumentTitle = "CRM API";
        });
        return app;
    }
}

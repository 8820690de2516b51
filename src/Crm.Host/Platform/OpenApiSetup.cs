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
            return Task.CompletedTask;
        }).AddBearerSecurity().AddRequestSchemaRules().AddProblemSchema().AddFilterTree().AddResponseHeaders().AddValueSets()
            .AddCrmTags().AddLiteralPlaceholders().AddServersWithoutTrailingSlash());
        return services;
    }

    /// <summary>
    /// The docs page: Swagger UI, served from the package (works without internet). The signed-in token is kept in the
    /// browser's storage so it survives a reload; "Try it out" is on for every operation; the filter box finds operations
    /// by tag, path, summary or id; tags show in the document's order (sign-in first) with their descriptions.
    /// </summary>
    public static WebApplication MapCrmDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapDocsOperationFilter();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "CRM API v1");
            o.DocumentTitle = "CRM API";
            o.EnablePersistAuthorization();
            o.EnableTryItOutByDefault();
            o.EnableFilter();
            o.EnableDeepLinking();
            o.DisplayRequestDuration();
            o.InjectJavascript(DocsOperationFilter.ScriptPath);
            o.ConfigObject.Plugins = [DocsOperationFilter.PluginName];
        });
        return app;
    }
}

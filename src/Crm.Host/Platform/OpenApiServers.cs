using Microsoft.AspNetCore.OpenApi;

namespace Crm.Host.Platform;

/// <summary>
/// The server URL the document names (the address it was requested on) without a trailing slash: clients append paths
/// that start with "/", so "http://host/" + "/api/…" would make "//api/…".
/// </summary>
public static class OpenApiServers
{
    public static OpenApiOptions AddServersWithoutTrailingSlash(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/')) server.Url = url.TrimEnd('/');
        }
        return Task.CompletedTask;
    });
}

using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>Examples in the OpenAPI document: what a UI developer copies first, so every operation gets one.</summary>
public static class OpenApiExamples
{
    public static RouteHandlerBuilder WithExamples(this RouteHandlerBuilder builder, string? request = null, string? response = null,
        int responseStatus = 200) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (request is not null && operation.RequestBody?.Content is { } requestContent)
            {
                foreach (var media in requestContent.Values) media.Example = JsonNode.Parse(request);
            }
            if (response is not null && operation.Responses?.TryGetValue(responseStatus.ToString(System.Globalization.CultureInfo.InvariantCulture),
                out var answer) == true
                && answer.Content is { } responseContent)
            {
                foreach (var media in responseContent.Values) media.Example = JsonNode.Parse(response);
            }
            return Task.CompletedTask;
        });
}

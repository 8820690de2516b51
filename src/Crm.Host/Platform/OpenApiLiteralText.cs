using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>
/// OpenAPI descriptions are CommonMark, where a placeholder such as &lt;version&gt; or &lt;token&gt; is an HTML tag: the docs
/// page drops it and a reader sees "ETag """. Every such placeholder outside a code span becomes a code span, so it
/// shows literally on the page and in generated clients' comments.
/// </summary>
public static partial class OpenApiLiteralText
{
    public static OpenApiOptions AddLiteralPlaceholders(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        if (document.Info is { } info) info.Description = Literal(info.Description);
        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>()) tag.Description = Literal(tag.Description);
        foreach (var scheme in document.Components?.SecuritySchemes?.Values ?? Enumerable.Empty<IOpenApiSecurityScheme>()) Describe(scheme);
        foreach (var schema in document.Components?.Schemas?.Values ?? Enumerable.Empty<IOpenApiSchema>()) Schema(schema, []);
        foreach (var operation in document.Paths?.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()) ?? [])
        {
            operation.Summary = Literal(operation.Summary);
            operation.Description = Literal(operation.Description);
            foreach (var parameter in operation.Parameters ?? Enumerable.Empty<IOpenApiParameter>()) Describe(parameter);
            if (operation.RequestBody is { } body) Describe(body);
            foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
            {
                Describe(response);
                foreach (var header in response.Headers?.Values ?? Enumerable.Empty<IOpenApiHeader>()) Describe(header);
            }
        }
        return Task.CompletedTask;
    });

    /// <summary>The text with each &lt;placeholder&gt; outside `code spans` put in one.</summary>
    public static string? Literal(string? text) =>
        text is null || !text.Contains('<') ? text : CodeSpanOrPlaceholder().Replace(text, m => m.Value.StartsWith('`') ? m.Value : $"`{m.Value}`");

    private static void Describe(object element)
    {
        if (element is IOpenApiDescribedElement described) described.Description = Literal(described.Description);
    }

    private static void Schema(IOpenApiSchema schema, HashSet<IOpenApiSchema> seen)
    {
        if (schema is not OpenApiSchema own || !seen.Add(own)) return;
        own.Description = Literal(own.Description);
        foreach (var child in (own.Properties?.Values ?? []).Concat(own.AllOf ?? []).Concat(own.AnyOf ?? []).Concat(own.OneOf ?? []))
        {
            Schema(child, seen);
        }
        if (own.Items is { } items) Schema(items, seen);
    }

    [GeneratedRegex(@"`[^`]*`|<[A-Za-z/][^<>\n]*>")]
    private static partial Regex CodeSpanOrPlaceholder();
}

using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>What an endpoint's metadata cannot say about its own operation in the OpenAPI document.</summary>
public static class OpenApiOperations
{
    /// <summary>An answer whose shape depends on the record (e.g. a scene's kind): anyOf the named component schemas
    /// (anyOf, not oneOf: an empty page fits every shape).</summary>
    public static RouteHandlerBuilder WithResponseShapes(this RouteHandlerBuilder builder, int status, params Type[] shapes) =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(key, out var answer) == true && answer is OpenApiResponse response && response.Content is { } content)
            {
                var anyOf = new OpenApiSchema { AnyOf = [.. shapes.Select(t => (IOpenApiSchema)new OpenApiSchemaReference(t.Name, context.Document))] };
                foreach (var media in content.Values) media.Schema = anyOf;
            }
            return Task.CompletedTask;
        });

    /// <summary>A multipart upload: the form's file part, named, as binary (the CSV itself).</summary>
    public static RouteHandlerBuilder WithFilePart(this RouteHandlerBuilder builder, string partName, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue("multipart/form-data", out var media) == true)
            {
                media.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { partName },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        [partName] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = description },
                    },
                };
            }
            return Task.CompletedTask;
        });

    /// <summary>
    /// A download: the 200 answers the file's bytes in one of <paramref name="mediaTypes"/> (a binary string to a generated client)
    /// with ETag, Content-Disposition and X-Content-Type-Options described.
    /// </summary>
    public static RouteHandlerBuilder WithFileResponse(this RouteHandlerBuilder builder, IReadOnlyList<string> mediaTypes) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= new OpenApiResponses();
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "The file's bytes, with the media type sniffed at upload.",
                Content = mediaTypes.ToDictionary(t => t,
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["ETag"] = FileHeader("The content's SHA-256 (lower-case hex) as a strong ETag."),
                    ["Content-Disposition"] = FileHeader("attachment; filename=\"<ASCII fallback>\"; filename*=UTF-8''<the name, percent-encoded>"),
                    ["X-Content-Type-Options"] = FileHeader("nosniff: browsers take the Content-Type as sent."),
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>
    /// A write whose answer carries an ETag its body does not explain (an attachment's answer carries its record's version): the header
    /// declared on every success.
    /// </summary>
    public static RouteHandlerBuilder WithETagHeader(this RouteHandlerBuilder builder, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var (status, answer) in operation.Responses ?? new OpenApiResponses())
            {
                if (!status.StartsWith('2') || answer is not OpenApiResponse response) continue;
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["ETag"] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
            return Task.CompletedTask;
        });

    private static OpenApiHeader FileHeader(string description) =>
        new() { Description = description, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}

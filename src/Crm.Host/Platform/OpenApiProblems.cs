using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>
/// One problem schema for every 4xx/5xx answer, with every extension the API sends. The framework's ProblemDetails
/// and HttpValidationProblemDetails forbid additional properties, so a strict client would reject our real answers.
/// </summary>
public static class OpenApiProblems
{
    public const string SchemaName = "Problem";

    public static OpenApiOptions AddProblemSchema(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[SchemaName] = Schema();
        document.Components.Schemas.Remove("ProblemDetails");
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        foreach (var (path, item) in document.Paths)
        foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
        {
            // Every API operation reads or writes the database, so each may meet an outage (answered 503, never 500).
            if (path.StartsWith("/api/", StringComparison.Ordinal) && operation.Responses is { } responses && !responses.ContainsKey("503"))
                responses["503"] = new OpenApiResponse
                {
                    Description = "The database is unavailable for a moment (code database_unavailable): retry after Retry-After seconds.",
                };
            // A JSON body sent as another media type (or in another charset) is refused before the endpoint runs.
            if (operation.RequestBody?.Content?.ContainsKey("application/json") == true && operation.Responses is { } bodied
                && !bodied.ContainsKey("415"))
                bodied["415"] = new OpenApiResponse
                {
                    Description = "The body is not sent as JSON (code media_type_unsupported, naming Content-Type) "
                        + "or not as UTF-8 (code charset_unsupported, naming body).",
                };
            foreach (var (status, answer) in operation.Responses ?? new OpenApiResponses())
            {
                if (status.Length != 3 || status[0] is not ('4' or '5') || answer is not OpenApiResponse response) continue;
                response.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(SchemaName, document) },
                };
            }
        }
        return Task.CompletedTask;
    });

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. code is the stable machine-readable reason; errors names each field at fault.",
        Required = new HashSet<string> { "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem."),
            ["title"] = Text("A short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
            ["detail"] = Text("What went wrong this time, for a person."),
            ["instance"] = Text("The request path."),
            ["code"] = Text("Stable, machine-readable reason (e.g. name_required, duplicate_suspected, version_mismatch)."),
            ["traceId"] = Text("The trace id, to quote to support."),
            ["requestId"] = Text("The X-Request-Id of the request."),
            ["field"] = Text("The request field at fault, when there is one."),
            ["permission"] = Text("The permission the caller lacks (403)."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Messages by field name (JSON path of the request field, e.g. rules[0].name).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["candidates"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "The duplicate candidates of a 409 duplicate_suspected; a record outside your scope shows only what matched.",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "kind", "matchedOn" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["kind"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("lead")!, JsonValue.Create("customer")!] },
                        ["id"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "uuid" },
                        ["name"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        ["matchedOn"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                        ["visible"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
                    },
                },
            },
        },
    };
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>
/// The filter tree of searches, scenes and exports as a recursive schema (FilterNode: a group of nodes, or one
/// condition) instead of the JsonElement the records use to keep the tree verbatim.
/// </summary>
public static class OpenApiFilterTree
{
    public const string NodeName = "FilterNode";
    public const string ConditionName = "FilterCondition";
    private static readonly string[] Operators = ["eq", "ne", "in", "contains", "isNull", "gt", "gte", "lt", "lte", "between"];

    public static OpenApiOptions AddFilterTree(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return Task.CompletedTask;
        schemas[NodeName] = Node(document);
        schemas[ConditionName] = Condition();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            if (schema.Properties?.TryGetValue("filter", out var filter) != true) continue;
            var nullable = filter is OpenApiSchema { OneOf: { } oneOf } && oneOf.Any(s => s is OpenApiSchema { Type: JsonSchemaType.Null });
            var description = filter!.Description ?? (filter as OpenApiSchema)?.OneOf?.Select(s => s.Description).FirstOrDefault(d => d is not null);
            var node = new OpenApiSchemaReference(NodeName, document);
            schema.Properties["filter"] = nullable
                ? new OpenApiSchema { Description = description, OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, node] }
                : new OpenApiSchema { Description = description, AllOf = [node] };
        }
        return Task.CompletedTask;
    });

    private static OpenApiSchema Group(string name, OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { name },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            [name] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(NodeName, document) },
        },
        AdditionalPropertiesAllowed = false,
    };

    private static OpenApiSchema Node(OpenApiDocument document) => new()
    {
        Description = "A filter node: {\"and\": [nodes]}, {\"or\": [nodes]} or a condition {\"field\", \"op\", \"value\"}.",
        OneOf = [Group("and", document), Group("or", document), new OpenApiSchemaReference(ConditionName, document)],
    };

    private static OpenApiSchema Condition() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "One condition: the field (a list field of the kind), the operator and the value (an array for in, [low, high] for "
            + "between; none for isNull). Numbers (price, amount) take JSON numbers; money at most 2 decimals, never negative.",
        Required = new HashSet<string> { "field", "op" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["field"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["op"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Operators.Select(o => (JsonNode)JsonValue.Create(o))] },
            ["value"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Boolean | JsonSchemaType.Array | JsonSchemaType.Null,
                Items = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Boolean },
            },
        },
        AdditionalPropertiesAllowed = false,
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Crm.Host.Tests.Contract;

/// <summary>
/// The OpenAPI document as the host serves it (read from the in-memory host, no server needed), with JSON-schema
/// validation of a value against any schema in it: the schema is lifted into a JSON-schema document whose
/// definitions are the document's components, so every <c>#/components/schemas/…</c> reference resolves.
/// </summary>
internal sealed class ContractDocument
{
    private readonly Dictionary<string, JsonSchema> compiled = [];

    private ContractDocument(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public static async Task<ContractDocument> ReadAsync(ApiCaller caller)
    {
        var text = (await caller.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadAsText();
        // CRM_OPENAPI_OUT=<file> keeps a copy of the document the tests saw (ops/openapi uses it).
        if (Environment.GetEnvironmentVariable("CRM_OPENAPI_OUT") is { Length: > 0 } copy) await File.WriteAllTextAsync(copy, text);
        return new ContractDocument(JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Writes the document to a temporary file for the command-line tools; the caller deletes it.</summary>
    public string WriteToTemporaryFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-openapi-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>The faults of the value against the schema (empty when it validates), each as "path: kind".</summary>
    public IReadOnlyList<string> Validate(JsonNode schema, string valueJson)
    {
        var key = schema.ToJsonString();
        if (!compiled.TryGetValue(key, out var jsonSchema))
        {
            jsonSchema = JsonSchema.FromJsonAsync(Standalone(schema)).GetAwaiter().GetResult();
            compiled[key] = jsonSchema;
        }
        return [.. jsonSchema.Validate(valueJson).SelectMany(Describe)];
    }

    // A failed oneOf/anyOf reports every branch; the "null" branch of a nullable value only adds noise.
    private static IEnumerable<string> Describe(NJsonSchema.Validation.ValidationError error) =>
        error is NJsonSchema.Validation.ChildSchemaValidationError child
            ? child.Errors.Values.Where(branch => !branch.All(e => e.Kind == NJsonSchema.Validation.ValidationErrorKind.NullExpected))
                .SelectMany(branch => branch.SelectMany(Describe)).DefaultIfEmpty($"{Place(error)}: {error.Kind}")
            : [$"{Place(error)}: {error.Kind}"];

    private static string Place(NJsonSchema.Validation.ValidationError error) => string.IsNullOrEmpty(error.Path) ? "#" : error.Path;

    /// <summary>The schema with the document's component schemas as definitions, references rewritten to them.</summary>
    private string Standalone(JsonNode schema)
    {
        // The schema sits under allOf, not at the root: a root that is only a $ref would hide the definitions beside it.
        var root = new JsonObject { ["allOf"] = new JsonArray(Rewrite(schema.DeepClone())) };
        var definitions = new JsonObject();
        if (Root["components"]?["schemas"] is JsonObject components)
        {
            foreach (var (name, value) in components) definitions[name] = Rewrite(value!.DeepClone());
        }
        root["definitions"] = definitions;
        return root.ToJsonString();
    }

    private static JsonNode? Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target
                    && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/definitions/" + target["#/components/schemas/".Length..];
                }
                foreach (var (_, child) in obj.ToList()) Rewrite(child);
                return obj;
            case JsonArray array:
                foreach (var child in array) Rewrite(child);
                return array;
            default:
                return node;
        }
    }
}

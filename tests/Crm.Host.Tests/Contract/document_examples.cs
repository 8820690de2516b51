using System.Text.Json.Nodes;

namespace Crm.Host.Tests.Contract;

/// <summary>Every example in the document (request and response bodies, parameters, schemas) is valid against its own schema.</summary>
public sealed class document_examples(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task every_example_validates_against_its_schema()
    {
        var document = await ContractDocument.ReadAsync(host.Admin);
        var examples = ExamplesIn(document.Root, "#").ToList();
        Assert.NotEmpty(examples);

        var faults = examples
            .Select(e => (e.Where, Faults: document.Validate(e.Schema, e.Example)))
            .Where(e => e.Faults.Count > 0)
            .Select(e => $"{e.Where}: {string.Join("; ", e.Faults)}")
            .ToList();

        Assert.True(faults.Count == 0, $"{faults.Count} of {examples.Count} examples do not match their schema:\n{string.Join("\n", faults)}");
    }

    /// <summary>
    /// Each object holding a schema beside an example (a media type or a parameter), each example of an examples
    /// map, and each schema's own example(s), with a JSON-pointer-like place for the message.
    /// </summary>
    private static IEnumerable<(string Where, JsonNode Schema, string Example)> ExamplesIn(JsonNode? node, string where)
    {
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var found in ExamplesIn(array[i], $"{where}/{i}")) yield return found;
            }
            yield break;
        }
        if (node is not JsonObject obj) yield break;

        if (obj["schema"] is JsonObject schema)
        {
            if (obj.ContainsKey("example")) yield return ($"{where}/example", schema, Json(obj["example"]));
            if (obj["examples"] is JsonObject named)
            {
                foreach (var (name, example) in named)
                {
                    if (example is JsonObject { } e && e.ContainsKey("value")) yield return ($"{where}/examples/{name}", schema, Json(e["value"]));
                }
            }
        }
        if (LooksLikeSchema(obj))
        {
            var own = SchemaWithoutExamples(obj);
            if (obj.ContainsKey("example")) yield return ($"{where}/example", own, Json(obj["example"]));
            if (obj["examples"] is JsonArray list)
            {
                for (var i = 0; i < list.Count; i++) yield return ($"{where}/examples/{i}", own, Json(list[i]));
            }
        }
        foreach (var (name, child) in obj)
        {
            if (name is "example" or "examples") continue;
            foreach (var found in ExamplesIn(child, $"{where}/{name.Replace("~", "~0").Replace("/", "~1")}")) yield return found;
        }
    }

    private static bool LooksLikeSchema(JsonObject obj) =>
        new[] { "type", "properties", "$ref", "oneOf", "anyOf", "allOf" }.Any(obj.ContainsKey);

    private static JsonObject SchemaWithoutExamples(JsonObject schema)
    {
        var copy = schema.DeepClone().AsObject();
        copy.Remove("example");
        copy.Remove("examples");
        return copy;
    }

    private static string Json(JsonNode? example) => example?.ToJsonString() ?? "null";
}

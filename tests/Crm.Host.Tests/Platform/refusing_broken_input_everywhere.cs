using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Host.Tests.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// Sweeps every operation of the OpenAPI document (so a new endpoint is covered without touching this
/// class) with text PostgreSQL cannot store and JSON no reader should guess at: each text field of each
/// JSON body and each query and path parameter, as a NUL, a lone surrogate, bytes that are not UTF-8 and a
/// key given twice. Every one must be a 400 problem naming the field, and nothing may be written.
/// </summary>
public sealed class refusing_broken_input_everywhere(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>A text field of a JSON body, or a query or path parameter, of one operation.</summary>
    private sealed record Target(string Method, string Path, string Field, string Where);

    private static readonly Guid SomeId = Guid.Parse("0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f01");

    private async Task<List<Target>> TargetsAsync()
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var targets = new List<Target>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant();
                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                var concrete = path.Name;
                foreach (var p in parameters.Where(p => p.GetProperty("in").GetString() == "path"))
                {
                    var name = p.GetProperty("name").GetString();
                    concrete = concrete.Replace("{" + name + "}", IsUuid(p.GetProperty("schema"), schemas) ? SomeId.ToString() : $"<{name}>");
                }
                foreach (var p in parameters)
                {
                    var where = p.GetProperty("in").GetString()!;
                    if (where == "query" || (where == "path" && !IsUuid(p.GetProperty("schema"), schemas)))
                        targets.Add(new Target(method, concrete, p.GetProperty("name").GetString()!, where));
                }
                if (operation.Value.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    foreach (var field in TextFields(json.GetProperty("schema"), schemas))
                        targets.Add(new Target(method, concrete, field, "body"));
                }
            }
        }
        return targets;
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        while (schema.TryGetProperty("$ref", out var reference)) schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        return schema;
    }

    private static bool IsUuid(JsonElement schema, JsonElement schemas) =>
        Resolve(schema, schemas).TryGetProperty("format", out var format) && format.GetString() == "uuid";

    private static IEnumerable<string> TextFields(JsonElement schema, JsonElement schemas)
    {
        schema = Resolve(schema, schemas);
        if (!schema.TryGetProperty("properties", out var properties)) yield break;
        foreach (var property in properties.EnumerateObject())
        {
            var type = Resolve(property.Value, schemas).TryGetProperty("type", out var t) ? t : default;
            var isText = type.ValueKind == JsonValueKind.String ? type.GetString() == "string"
                : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(x => x.GetString() == "string");
            if (isText) yield return property.Name;
        }
    }

    /// <summary>Sends each target its broken variant; answers every target that was not refused as it should be.</summary>
    private async Task<List<string>> SweepAsync(Func<Target, Action<Scenario>> request, bool bodiesOnly = false)
    {
        var targets = (await TargetsAsync()).Where(t => !bodiesOnly || t.Where == "body").ToList();
        Assert.True(targets.Count(t => t.Where == "body") > 50, $"the sweep found only {targets.Count} targets: is the OpenAPI document complete?");
        var before = await host.EventCountAsync();
        var wrong = new List<string>();
        foreach (var target in targets)
        {
            var response = await host.Admin.Scenario(s =>
            {
                request(target)(s);
                s.IgnoreStatusCode();
            });
            var text = response.ReadAsText();
            var mediaType = response.Context.Response.ContentType is { } type ? MediaTypeHeaderValue.Parse(type).MediaType : null;
            if (response.Status() != 400 || mediaType != "application/problem+json")
            {
                wrong.Add($"{target.Method} {target.Path} {target.Field}: {response.Status()} {text[..Math.Min(200, text.Length)]}");
                continue;
            }
            var problem = JsonDocument.Parse(text).RootElement;
            if (!problem.TryGetProperty("errors", out var errors) || !errors.TryGetProperty(target.Field, out _) || !problem.TryGetProperty("code", out _))
                wrong.Add($"{target.Method} {target.Path} {target.Field}: names another field: {text}");
        }
        Assert.Equal(before, await host.EventCountAsync());
        return wrong;
    }

    private static Action<Scenario> Body(Target target, string json) => Body(target, Encoding.UTF8.GetBytes(json));

    private static Action<Scenario> Body(Target target, byte[] json) => s => s.SendExactly(target.Method, Concrete(target.Path, null, null), json);

    /// <summary>A body target gets the text in its field; a parameter target gets it (already percent-encoded) in the query or path.</summary>
    private static Action<Scenario> Send(Target target, string jsonText, string encoded)
    {
        if (target.Where == "body") return Body(target, $$"""{"{{target.Field}}":"{{jsonText}}"}""");
        var path = target.Where == "path" ? Concrete(target.Path, target.Field, encoded) : Concrete(target.Path, null, null) + $"?{target.Field}={encoded}";
        return s => s.SendExactly(target.Method, path, target.Method is "POST" or "PUT" or "PATCH" ? "{}"u8.ToArray() : null);
    }

    /// <summary>The path with its text parameters filled in: the one under test with <paramref name="value"/>, the others with "x".</summary>
    private static string Concrete(string path, string? field, string? value) =>
        System.Text.RegularExpressions.Regex.Replace(path, "<([^>]+)>", m => m.Groups[1].Value == field ? value! : "x");

    [Fact]
    public async Task a_nul_character_in_any_text_field_or_parameter_is_a_400_naming_it()
    {
        var wrong = await SweepAsync(t => Send(t, "a\\u0000b", "a%00b"));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task a_lone_surrogate_in_any_text_field_or_parameter_is_a_400_naming_it()
    {
        // In a query a lone surrogate can only arrive as its (invalid) UTF-8 bytes.
        var wrong = await SweepAsync(t => Send(t, "a\\ud800b", "a%ED%A0%80b"));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task bytes_that_are_not_utf8_in_any_text_field_or_parameter_are_a_400_naming_it()
    {
        var wrong = await SweepAsync(t => t.Where == "body"
            ? Body(t, [.. Encoding.UTF8.GetBytes($$"""{"{{t.Field}}":"a"""), 0xFF, 0xFE, .. "b\"}"u8.ToArray()])
            : Send(t, "", "a%FFb"));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task a_field_given_twice_in_any_body_is_a_400_naming_it()
    {
        var wrong = await SweepAsync(t => Body(t, $$"""{"{{t.Field}}":"one","{{t.Field}}":"two"}"""), bodiesOnly: true);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task every_api_endpoint_is_in_the_openapi_document_so_the_sweep_covers_it()
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}")).ToHashSet();
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Template(e.RoutePattern.RawText!)}"))
            .ToList();
        Assert.NotEmpty(mapped);
        var missing = mapped.Where(m => !documented.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "not in the OpenAPI document: " + string.Join(", ", missing));
    }

    // "/api/x/{id:guid}" → "/api/x/{id}" and a group's own route "/api/x/" → "/api/x", as the document spells them.
    private static string Template(string raw) =>
        System.Text.RegularExpressions.Regex.Replace(raw.StartsWith('/') ? raw : "/" + raw, @"\{([^}:?]+)[^}]*\}", "{$1}").TrimEnd('/');
}

using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>
/// Makes object schemas say what the server does. A request body (a *Request or *Dto record, or a conversion's field
/// overrides) lists as required only [MustSend] or [JsonRequired] properties, and is nullable only where [NullMeans]
/// says what null does: positional records otherwise come out "all required, all nullable", which no client can use.
/// [WireValues] and [SortKey] become enums in requests and answers alike.
/// </summary>
public static class OpenApiRequestSchemas
{
    public static OpenApiOptions AddRequestSchemaRules(this OpenApiOptions options) => options.AddSchemaTransformer((schema, context, _) =>
    {
        if (schema is { Properties: { } properties } && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            var isRequest = IsRequest(context.JsonTypeInfo.Type);
            if (isRequest) schema.Required = new HashSet<string>();
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (!properties.TryGetValue(property.Name, out var found)) continue;
                var member = property.AttributeProvider as MemberInfo;
                if (found is not OpenApiSchema propertySchema || (propertySchema.Type is null && propertySchema.OneOf is null))
                {
                    // A reference or an untyped schema (a record, a JsonElement): wrap it when null means something.
                    if (isRequest && member?.GetCustomAttribute<NullMeansAttribute>() is { } means)
                        properties[property.Name] = new OpenApiSchema { Description = $"Null: {means.Meaning}.",
                            OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, found] };
                    if (isRequest && member?.GetCustomAttribute<MustSendAttribute>() is not null) schema.Required!.Add(property.Name);
                    continue;
                }
                if (isRequest) ApplyRequestRules(schema, property.Name, propertySchema, member);
                ApplyValues(propertySchema, member);
            }
        }
        return Task.CompletedTask;
    });

    /// <summary>The records clients send: their names say so.</summary>
    public static bool IsRequest(Type type) =>
        type.Namespace?.StartsWith("Crm.Host", StringComparison.Ordinal) == true
        && (type.Name.EndsWith("Request", StringComparison.Ordinal) || type.Name.EndsWith("Dto", StringComparison.Ordinal)
            || type.Name.StartsWith("Conversion", StringComparison.Ordinal));

    private static void ApplyRequestRules(OpenApiSchema owner, string name, OpenApiSchema property, MemberInfo? member)
    {
        if (member?.GetCustomAttribute<MustSendAttribute>() is not null || member?.GetCustomAttribute<JsonRequiredAttribute>() is not null)
            owner.Required!.Add(name);
        // A default is what the server assumes when the field is left out; generators such as openapi-typescript read a
        // default as "always present" and would make the client send it, so it is said in words instead.
        if (property.Default is { } fallback)
        {
            property.Description = $"{property.Description} Default: {fallback.ToJsonString()}.".TrimStart();
            property.Default = null;
        }
        var nullMeans = member?.GetCustomAttribute<NullMeansAttribute>();
        if (nullMeans is null) WithoutNull(property);
        else property.Description = property.Description is { Length: > 0 } d ? $"{d} Null: {nullMeans.Meaning}." : $"Null: {nullMeans.Meaning}.";
    }

    /// <summary>Drops "null" from a property's type, or the null branch of a oneOf around a reference.</summary>
    private static void WithoutNull(OpenApiSchema property)
    {
        if (property.Type is { } type && type.HasFlag(JsonSchemaType.Null) && type != JsonSchemaType.Null) property.Type = type & ~JsonSchemaType.Null;
        if (property.OneOf is { Count: 2 } oneOf && oneOf.Any(s => s is OpenApiSchema { Type: JsonSchemaType.Null }))
        {
            var other = oneOf.Single(s => s is not OpenApiSchema { Type: JsonSchemaType.Null });
            property.OneOf = null;
            property.AllOf = [other];
        }
    }

    private static void ApplyValues(OpenApiSchema property, MemberInfo? member)
    {
        IReadOnlyList<string>? values = member?.GetCustomAttribute<WireValuesAttribute>()?.Values
            ?? (member?.GetCustomAttribute<SortKeyAttribute>() is not null ? SortKeyAttribute.Values : null);
        if (values is null) return;
        var target = property.Items is OpenApiSchema items && property.Type?.HasFlag(JsonSchemaType.Array) == true ? items : property;
        var nodes = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        // An enum lists every allowed value, so a nullable one names null too (JSON Schema checks enum besides type).
        if (target.Type?.HasFlag(JsonSchemaType.Null) == true) nodes.Add(null!);
        target.Enum = nodes;
    }
}

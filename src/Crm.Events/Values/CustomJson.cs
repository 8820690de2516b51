using System.Text;
using System.Text.Json;

namespace Crm.Events;

/// <summary>
/// The one text form of a record's custom object: compact, object keys in ordinal order at every depth. Events are
/// stored as jsonb, which reads back with other whitespace and its own key order; comparing or measuring that text made
/// an unchanged custom object look changed on every edit. Compare, measure and record changes only in this form.
/// </summary>
public static class CustomJson
{
    public static string? Canonical(JsonElement? element) => element is { } e ? Canonical(e) : null;

    public static string Canonical(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, element);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The element in canonical form, detached from any document.</summary>
    public static JsonElement Normalized(JsonElement element)
    {
        using var document = JsonDocument.Parse(Canonical(element));
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}

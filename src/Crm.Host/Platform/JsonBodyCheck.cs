using System.Text;
using System.Text.Json;

namespace Crm.Host.Platform;

/// <summary>One fault found in a request's input: the field (a JSON path such as "rules[0].name", a query parameter, or "body").</summary>
public sealed record InputFault(string Field, string Code, string Message);

/// <summary>
/// Reads a JSON body once, before any endpoint binds it, and refuses what no endpoint should ever see:
/// text PostgreSQL cannot store (NUL, lone surrogates, bytes that are not UTF-8), a key given twice
/// (which of the two wins would depend on the reader), null inside a list ("ids": [null]) and nesting
/// deeper than any request needs. Typed bodies, hand-read bodies (JSON merge patches) and raw filter
/// trees all pass through here, so no endpoint has to remember these rules. Malformed JSON is refused
/// here too: the binder is more lenient than this reader (it skips a BOM, for one), and a body this check
/// could not read must not reach an endpoint unchecked. Only an empty body is left to the binder.
/// </summary>
public static class JsonBodyCheck
{
    /// <summary>Deeper than any body the API takes (a filter tree nests at most 4 levels, about 10 JSON levels).</summary>
    public const int MaxDepth = 32;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static InputFault? Find(ReadOnlySpan<byte> json)
    {
        // The binder skips a leading UTF-8 BOM; so must the check, or the body would be read by one and not the other.
        if (json.StartsWith(Utf8Bom)) json = json[Utf8Bom.Length..];
        if (json.IsEmpty) return null;
        // The reader's own limit is far above ours so that ours is the one a client meets, with our wording.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 1024 });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        // A broken key cannot be shown as a field: the fault names the object holding it.
                        var frame = frames[^1];
                        frame.Property = null;
                        var name = reader.GetString()!;
                        if (!CleanText.IsClean(name)) return Fault(frames, CleanText.Code, CleanText.Message);
                        frame.Property = name;
                        if (!frame.Names!.Add(name)) return Fault(frames, "field_repeated", "This field is given twice.");
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    default:
                        if (frames.Count > 0 && frames[^1].IsArray) frames[^1].Index++;
                        if (reader.TokenType == JsonTokenType.Null && frames.Count > 0 && frames[^1].IsArray)
                            return Fault(frames, "item_null", "A list cannot hold null.");
                        if (reader.TokenType == JsonTokenType.String && !CleanText.IsClean(reader.GetString()))
                            return Fault(frames, CleanText.Code, CleanText.Message);
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            if (frames.Count >= MaxDepth) return new InputFault("body", "body_too_deep", $"The body nests deeper than {MaxDepth} levels.");
                            frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        }
                        break;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // GetString refuses invalid UTF-8 and escaped lone surrogates ("\ud800").
            return Fault(frames, CleanText.Code, CleanText.Message);
        }
        catch (JsonException e)
        {
            return new InputFault("body", "json_invalid", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
        return null;
    }

    private static InputFault Fault(List<Frame> frames, string code, string message)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray) path.Append('[').Append(frame.Index).Append(']');
            else if (frame.Property is not null) path.Append(path.Length > 0 ? "." : "").Append(frame.Property);
        }
        return new InputFault(path.Length > 0 ? path.ToString() : "body", code, message);
    }

    /// <summary>An object or list being read: the key or index being read in it, and (objects) the keys seen.</summary>
    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public int Index { get; set; } = -1;
        public string? Property { get; set; }

        // Keys are matched without regard to case, as the binder matches them: "name" and "Name" are one field.
        public HashSet<string>? Names { get; } = isArray ? null : new(StringComparer.OrdinalIgnoreCase);
    }
}

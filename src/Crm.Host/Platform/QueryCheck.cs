using System.Text;

namespace Crm.Host.Platform;

/// <summary>
/// The query string's share of the input rules: every parameter name and value must be UTF-8 once
/// percent-decoded and clean text (see <see cref="CleanText"/>). The framework would quietly turn bad
/// bytes into U+FFFD and pass U+0000 on to SQL, so the raw query is read here instead.
/// </summary>
public static class QueryCheck
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static InputFault? Find(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery)) return null;
        // Nearly every query: nothing percent-encoded, so nothing to decode; a scan is enough.
        if (!rawQuery.Contains('%') && CleanText.IsClean(rawQuery)) return null;
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var (rawName, rawValue) = equals < 0 ? (pair, "") : (pair[..equals], pair[(equals + 1)..]);
            var name = Decode(rawName);
            if (name is null || !CleanText.IsClean(name))
                return new InputFault(Lenient(rawName) is { Length: > 0 } shown ? shown : "query", CleanText.Code, CleanText.Message);
            var value = Decode(rawValue);
            if (value is null || !CleanText.IsClean(value)) return new InputFault(name, CleanText.Code, CleanText.Message);
        }
        return null;
    }

    /// <summary>A percent-encoded query part ('+' is a space) as text; null when its bytes are not UTF-8.</summary>
    private static string? Decode(string part)
    {
        try
        {
            return Strict.GetString(Bytes(part));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // A parameter's name shown in the refusal even when it is itself broken: bad bytes shown as U+FFFD, NUL dropped.
    private static string Lenient(string part) => Encoding.UTF8.GetString(Bytes(part)).Replace("\0", "");

    private static byte[] Bytes(string part)
    {
        var bytes = new List<byte>(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (c == '%' && i + 2 < part.Length && Uri.IsHexDigit(part[i + 1]) && Uri.IsHexDigit(part[i + 2]))
            {
                bytes.Add(Convert.ToByte(part.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '+') bytes.Add((byte)' ');
            else if (c < 0x80) bytes.Add((byte)c);
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        return [.. bytes];
    }
}

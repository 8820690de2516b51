using System.Globalization;
using System.Text;

namespace Crm.Write.Attachments;

/// <summary>
/// How an uploaded file's name is kept (docs/attachments.md, "File names"): the last segment of any path, without control characters
/// (NUL included), bidirectional overrides and lone surrogates, without the characters Windows refuses in a name, without leading dots
/// and trailing dots or spaces, a device name (CON, NUL, COM1 …) prefixed with "_", at most <see cref="MaxLength"/> characters with its
/// extension kept. Any other Unicode stays (合同扫描件.pdf). Nothing left: "file".
/// </summary>
public static class FileNames
{
    public const int MaxLength = 200;
    public const string Fallback = "file";

    private const string WindowsRefuses = "<>:\"|?*";

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Sanitise(string? name)
    {
        if (string.IsNullOrEmpty(name)) return Fallback;
        var last = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(last.Length);
        for (var i = 0; i < last.Length; i++)
        {
            var c = last[i];
            if (char.IsHighSurrogate(c) && i + 1 < last.Length && char.IsLowSurrogate(last[i + 1]))
            {
                kept.Append(c).Append(last[++i]);
                continue;
            }
            if (char.IsSurrogate(c) || char.IsControl(c) || IsBidiControl(c) || c == '\uFEFF') continue;
            kept.Append(WindowsRefuses.Contains(c) ? '_' : c);
        }
        var text = kept.ToString().Normalize(NormalizationForm.FormC).TrimStart('.', ' ').TrimEnd('.', ' ');
        if (text.Length == 0) return Fallback;
        var stem = text.Split('.')[0];
        if (DeviceNames.Contains(stem.TrimEnd(' '))) text = "_" + text;
        return Capped(text);
    }

    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>At most <see cref="MaxLength"/> characters, cut between whole characters, the extension (up to 16 characters) kept.</summary>
    private static string Capped(string text)
    {
        if (text.Length <= MaxLength) return text;
        var dot = text.LastIndexOf('.');
        var extension = dot > 0 && text.Length - dot <= 16 ? text[dot..] : "";
        var stem = extension.Length > 0 ? text[..dot] : text;
        var room = MaxLength - extension.Length;
        var cut = new StringBuilder(room);
        var elements = StringInfo.GetTextElementEnumerator(stem);
        while (elements.MoveNext() && cut.Length + elements.GetTextElement().Length <= room) cut.Append(elements.GetTextElement());
        return cut.ToString().TrimEnd('.', ' ') + extension;
    }
}

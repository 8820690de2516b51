using System.IO.Compression;
using System.Text.Unicode;

namespace Crm.Write.Attachments;

/// <summary>
/// The media type of an upload, read from its bytes (docs/attachments.md, "Content types"): PNG, JPEG, GIF, WebP and PDF by their
/// signatures, Word, Excel and PowerPoint files (OOXML) by the parts inside their ZIP, other ZIPs as ZIP, UTF-8 text without control
/// characters as text (CSV when the name ends .csv), anything else application/octet-stream. The client's Content-Type is never read.
/// </summary>
public static class ContentSniffer
{
    public const string Binary = "application/octet-stream";

    private const string Word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Excel = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string PowerPoint = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /// <summary>Every media type <see cref="Sniff"/> answers (the download's documented content types).</summary>
    public static IReadOnlyList<string> Types { get; } =
        ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", Word, Excel, PowerPoint, "application/zip", "text/plain", "text/csv", Binary];

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    public static string Sniff(ReadOnlyMemory<byte> content, string fileName)
    {
        var bytes = content.Span;
        if (bytes.StartsWith(Png)) return "image/png";
        if (bytes.StartsWith(Jpeg)) return "image/jpeg";
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8)) return "image/gif";
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (bytes.StartsWith("%PDF-"u8)) return "application/pdf";
        if (bytes.StartsWith("PK\x03\x04"u8) || bytes.StartsWith("PK\x05\x06"u8)) return Zipped(content);
        if (IsText(bytes)) return fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : "text/plain";
        return Binary;
    }

    /// <summary>An OOXML document by its main part; another readable ZIP as ZIP; one that does not read as ZIP as bytes.</summary>
    private static string Zipped(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml")) return "application/zip";
            if (names.Contains("word/document.xml")) return Word;
            if (names.Contains("xl/workbook.xml")) return Excel;
            if (names.Contains("ppt/presentation.xml")) return PowerPoint;
            return "application/zip";
        }
        catch (InvalidDataException)
        {
            return Binary;
        }
    }

    /// <summary>Valid UTF-8 (a byte-order mark allowed) with no control character but tab, line feed, form feed and carriage return.</summary>
    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        if (!Utf8.IsValid(bytes)) return false;
        foreach (var b in bytes)
        {
            if (b is < 0x20 and not (0x09 or 0x0A or 0x0C or 0x0D) or 0x7F) return false;
        }
        return true;
    }
}

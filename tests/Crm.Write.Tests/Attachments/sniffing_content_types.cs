using System.IO.Compression;
using System.Text;
using Crm.Write.Attachments;

namespace Crm.Write.Tests.Attachments;

public sealed class sniffing_content_types
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public void the_bytes_decide_whatever_the_name_says()
    {
        Assert.Equal("image/png", ContentSniffer.Sniff(Png, "scan.pdf"));
        Assert.Equal("image/jpeg", ContentSniffer.Sniff(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "a.png"));
        Assert.Equal("image/gif", ContentSniffer.Sniff("GIF89a\x01\0"u8.ToArray(), "a"));
        Assert.Equal("image/webp", ContentSniffer.Sniff("RIFF\x10\0\0\0WEBPVP8 "u8.ToArray(), "a"));
        Assert.Equal("application/pdf", ContentSniffer.Sniff("%PDF-1.7\n%"u8.ToArray(), "a.txt"));
        Assert.Equal("application/octet-stream", ContentSniffer.Sniff(new byte[] { 0x4D, 0x5A, 0x90, 0, 3 }, "setup.pdf"));
        Assert.Equal("application/octet-stream", ContentSniffer.Sniff("PK\x03\x04 not really a zip"u8.ToArray(), "a.zip"));
    }

    [Fact]
    public void utf8_text_is_text_and_csv_by_its_name_only_when_it_is_text()
    {
        var text = Encoding.UTF8.GetBytes("客户,电话\r\nAcme,123\tok\n");
        Assert.Equal("text/plain", ContentSniffer.Sniff(text, "notes.txt"));
        Assert.Equal("text/csv", ContentSniffer.Sniff(text, "list.CSV"));
        Assert.Equal("application/octet-stream", ContentSniffer.Sniff(new byte[] { 0x61, 0xC3, 0x28 }, "bad.csv"));
        Assert.Equal("application/octet-stream", ContentSniffer.Sniff("a\0b"u8.ToArray(), "nul.txt"));
    }

    [Theory]
    [InlineData("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData("docs/readme.txt", "application/zip")]
    public void office_files_are_told_apart_by_their_parts(string part, string type) =>
        Assert.Equal(type, ContentSniffer.Sniff(Zip(part), "whatever.bin"));

    public static byte[] Zip(string part)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (part != "docs/readme.txt") zip.CreateEntry("[Content_Types].xml");
            using var writer = new StreamWriter(zip.CreateEntry(part).Open());
            writer.Write("<x/>");
        }
        return buffer.ToArray();
    }
}

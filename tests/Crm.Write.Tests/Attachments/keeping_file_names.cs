using Crm.Write.Attachments;

namespace Crm.Write.Tests.Attachments;

public sealed class keeping_file_names
{
    [Theory]
    [InlineData("offer.pdf", "offer.pdf")]
    [InlineData("合同扫描件.pdf", "合同扫描件.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\li\\Desktop\\报价单.xlsx", "报价单.xlsx")]
    [InlineData("a\0b\u0007c.txt", "abc.txt")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("\u2066x\u2069.png", "x.png")]
    [InlineData("what?<now>|*.txt", "what__now___.txt")]
    [InlineData("...hidden", "hidden")]
    [InlineData("trailing. . ", "trailing")]
    [InlineData("CON", "_CON")]
    [InlineData("nul.txt", "_nul.txt")]
    [InlineData("com1.tar.gz", "_com1.tar.gz")]
    [InlineData("console.txt", "console.txt")]
    [InlineData("", "file")]
    [InlineData(null, "file")]
    [InlineData("/", "file")]
    [InlineData("\u0000\u0001", "file")]
    public void a_name_keeps_its_words_and_loses_what_could_harm(string? given, string kept) =>
        Assert.Equal(kept, FileNames.Sanitise(given));

    [Fact]
    public void a_lone_surrogate_is_dropped_and_a_pair_kept() =>
        Assert.Equal("a😀b.txt", FileNames.Sanitise("a\uD800😀b\uDC00.txt"));

    [Fact]
    public void a_long_name_is_cut_between_characters_and_keeps_its_extension()
    {
        var kept = FileNames.Sanitise(string.Concat(Enumerable.Repeat("合同😀", 150)) + ".docx");
        Assert.True(kept.Length <= FileNames.MaxLength, kept.Length.ToString());
        Assert.EndsWith(".docx", kept, StringComparison.Ordinal);
        Assert.StartsWith("合同😀合同", kept, StringComparison.Ordinal);
        Assert.True(System.Text.Unicode.Utf8.IsValid(System.Text.Encoding.UTF8.GetBytes(kept)) && !kept.Contains('\uFFFD'), kept);
    }
}

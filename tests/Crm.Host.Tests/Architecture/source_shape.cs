namespace Crm.Host.Tests.Architecture;

/// <summary>The shape docs/architecture.md promises a reader: short lines, small endpoint files.</summary>
public sealed class source_shape
{
    private const int MaxLine = 160;
    private const int MaxEndpointFileLines = 150;

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(CrmArchitecture.SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                        // Wolverine's handler adapters, written by ops/codegen, not by hand.
                        && !f.Contains($"Internal{Path.DirectorySeparatorChar}Generated{Path.DirectorySeparatorChar}"));

    [Fact]
    public void no_line_in_src_is_longer_than_160_characters()
    {
        var files = SourceFiles().ToList();
        Assert.NotEmpty(files);
        var long_ = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line.Length)))
            .Where(x => x.Length > MaxLine)
            .Select(x => $"{Path.GetRelativePath(CrmArchitecture.SourceRoot, x.f)}:{x.i + 1} ({x.Length})").ToList();
        Assert.True(long_.Count == 0, $"{long_.Count} lines over {MaxLine} characters:\n" + string.Join("\n", long_));
    }

    [Fact]
    public void no_endpoint_file_is_longer_than_150_lines()
    {
        var endpoints = SourceFiles().Where(f => Path.GetFileName(f).Contains("Endpoints", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(endpoints);
        var big = endpoints.Select(f => (f, Lines: File.ReadLines(f).Count())).Where(x => x.Lines > MaxEndpointFileLines)
            .Select(x => $"{Path.GetRelativePath(CrmArchitecture.SourceRoot, x.f)} ({x.Lines} lines)").ToList();
        Assert.True(big.Count == 0, "endpoint files over " + MaxEndpointFileLines + " lines:\n" + string.Join("\n", big));
    }
}

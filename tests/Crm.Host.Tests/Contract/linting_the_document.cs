using Xunit.Abstractions;

namespace Crm.Host.Tests.Contract;

/// <summary>The document passes a real OpenAPI linter (Redocly CLI, recommended rules) with zero errors; warnings are printed.</summary>
public sealed class linting_the_document(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task redocly_lint_with_the_recommended_rules_finds_no_error()
    {
        var document = await ContractDocument.ReadAsync(host.Admin);
        var file = document.WriteToTemporaryFile();
        try
        {
            var (exitCode, report) = await ApiTools.RunAsync(
                "redocly", "lint", file, "--extends", "recommended", "--format", "stylish", "--max-problems", "1000");
            output.WriteLine(report);
            Assert.True(exitCode == 0, $"redocly lint found errors:\n{report}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}

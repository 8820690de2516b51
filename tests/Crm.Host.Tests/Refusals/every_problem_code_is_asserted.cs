using Xunit.Abstractions;

namespace Crm.Host.Tests.Refusals;

/// <summary>
/// The code inventory: every problem code src answers is asserted by some test (through HTTP or on a
/// decider), so a code nobody can provoke is found and either tested or deleted.
/// </summary>
public sealed class every_problem_code_is_asserted(ITestOutputHelper output)
{
    /// <summary>Codes left untested on purpose, each with its reason. Keep this list short.</summary>
    private static readonly Dictionary<string, string> NotAsserted = new()
    {
        // CsvHelper under the importer's lenient configuration (BadDataFound and MissingFieldFound off) reads
        // every malformed file we could build (unclosed or stray quotes, lone CRs) without throwing; the catch
        // stays as the 400 safety net should a CsvHelper version throw where this one does not.
        ["csv_invalid"] = "no input makes CsvHelper 33 throw under the lenient configuration",
    };

    private static readonly string Root = ProblemCodeScan.RepositoryRoot();

    private static Dictionary<string, List<string>> CodesInSource()
    {
        var codes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in ProblemCodeScan.SourceFiles(Path.Combine(Root, "src")))
        {
            foreach (var (code, constant) in ProblemCodeScan.CodesIn(file))
            {
                if (!codes.TryGetValue(code, out var names)) codes[code] = names = [];
                names.Add(constant ?? code);
            }
        }
        return codes;
    }

    private static HashSet<string> AssertedInTests() =>
        ProblemCodeScan.AssertedIn(ProblemCodeScan.SourceFiles(Path.Combine(Root, "tests"))
            .Where(f => Path.GetFileName(f) is not ("every_problem_code_is_asserted.cs" or "ProblemCodeScan.cs")));

    [Fact]
    public void the_scan_finds_the_codes_of_each_way_src_refuses()
    {
        var codes = CodesInSource();
        output.WriteLine($"{codes.Count} codes: {string.Join(" ", codes.Keys.Order())}");
        // One of each kind of site: a decider refusal, FieldChecks.Fail, a const, a ["code"] key, a Problem helper, a tuple.
        Assert.All(new[] { "lead_exists", "days_out_of_range", "duplicate_suspected", "team_read_only", "not_signed_in", "field_required" },
            code => Assert.Contains(code, codes.Keys));
        // SQL names, history actions and notification kinds are snake_case too, but not codes.
        Assert.All(new[] { "created_at", "followed_up", "customer_recycling_warning", "streams_pkey", "self_and_subordinates" },
            word => Assert.DoesNotContain(word, codes.Keys));
    }

    [Fact]
    public void every_problem_code_in_src_is_asserted_by_a_test()
    {
        var asserted = AssertedInTests();
        var missing = CodesInSource()
            .Where(c => !NotAsserted.ContainsKey(c.Key) && !asserted.Contains(c.Key) && !c.Value.Any(asserted.Contains))
            .Select(c => c.Key).Order().ToList();
        Assert.True(missing.Count == 0, $"Problem codes no test asserts (write a test, or delete the code): {string.Join(", ", missing)}");
    }

    [Fact]
    public void the_allow_list_names_only_codes_that_exist_and_are_still_unasserted()
    {
        var codes = CodesInSource();
        var asserted = AssertedInTests();
        foreach (var code in NotAsserted.Keys)
        {
            Assert.True(codes.ContainsKey(code), $"{code} is no longer in src: drop it from the allow-list.");
            Assert.False(asserted.Contains(code), $"{code} is asserted now: drop it from the allow-list.");
        }
    }
}

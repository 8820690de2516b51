using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Customers;

/// <summary>
/// One masking rule for duplicate candidates on every create path (customer, lead, a lead's conversion):
/// a candidate outside the caller's scope still blocks, listed as { kind, id: null, name: null, matchedOn, visible: false }.
/// </summary>
public sealed class hidden_duplicate_candidates(HostFixture host) : IClassFixture<HostFixture>
{
    private static string NewEmail() => Guid.NewGuid().ToString("N")[..12] + "@dup-mask.example";

    /// <summary>A record with this e-mail that the sales user cannot see: another owner's customer or lead.</summary>
    private async Task<Guid> HiddenAsync(string kind, string email) => kind == "customer"
        ? (await host.Admin.CreateCustomerAsync(new { email })).Id()
        : (await host.Admin.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Lead"), email })).Id();

    public static TheoryData<string, string> Paths => new()
    {
        { "customer", "create customer" }, { "lead", "create customer" },
        { "customer", "create lead" }, { "lead", "create lead" },
        { "customer", "convert" }, { "lead", "convert" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task a_hidden_candidate_blocks_without_its_id_or_name(string kind, string path)
    {
        var (_, sales) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        var email = NewEmail();
        var hidden = await HiddenAsync(kind, email);
        var (url, body) = path switch
        {
            "create customer" => (CustomerApi.Route, (object)new { name = LeadApi.Unique("Mine"), email }),
            "create lead" => (LeadApi.Route, new { name = LeadApi.Unique("Mine"), email }),
            _ => ($"{LeadApi.Route}/{(await sales.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Lead"), email, createAnyway = true })).Id()}/convert",
                new { }),
        };

        var response = await sales.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.ProblemShouldBe(409, code: "duplicate_suspected");
        });

        var problem = response.Json();
        var candidate = Assert.Single(problem.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("kind").GetString() == kind);
        Assert.Equal(JsonValueKind.Null, candidate.GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.Null, candidate.GetProperty("name").ValueKind);
        Assert.False(candidate.GetProperty("visible").GetBoolean());
        Assert.Equal(["email"], candidate.GetProperty("matchedOn").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.DoesNotContain(hidden.ToString(), problem.ToString());
    }

    [Fact]
    public async Task a_visible_customer_candidate_shows_its_id_and_name()
    {
        var email = NewEmail();
        var name = LeadApi.Unique("Seen");
        var seen = await host.Admin.CreateCustomerAsync(new { email }, name);

        var problem = (await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { name = LeadApi.Unique("Other"), email }).ToUrl(CustomerApi.Route);
            s.ProblemShouldBe(409);
        })).Json();

        var candidate = Assert.Single(problem.GetProperty("candidates").EnumerateArray());
        Assert.Equal(seen.Id(), candidate.GetProperty("id").GetGuid());
        Assert.Equal(name, candidate.GetProperty("name").GetString());
        Assert.True(candidate.GetProperty("visible").GetBoolean());
    }

    [Fact]
    public async Task a_candidate_whose_row_is_not_in_the_read_model_is_masked_not_taken_for_a_pool_record()
    {
        // A match whose row is missing (removed or not yet projected) has no owner to check: it must not pass as a pool
        // record, which a caller holding pool.list would be shown.
        var caller = Guid.CreateVersion7();
        var poolReader = new Crm.Write.Access.OrgRole(Guid.CreateVersion7(), ["pool.list", "customer.detail", "lead.detail"], Crm.Write.Access.DataScope.All);
        var snapshot = new Crm.Write.Access.OrgSnapshot(1, [new Crm.Write.Access.OrgUser(caller, null, null, [poolReader.Id], false, false)], [], [poolReader]);
        var masking = new Crm.Write.Customers.DuplicateMasking(
            new Crm.Projections.Customers.DuplicateHolders(host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        var missing = new[] { "customer", "lead" }.Select(kind => new Crm.Write.Customers.DuplicateCandidate(kind, Guid.CreateVersion7(), "Ghost", ["email"]));

        var masked = await masking.MaskAsync(missing, new Crm.Write.Caller(caller, snapshot), default);

        Assert.Equal(2, masked.Count);
        Assert.All(masked, m => Assert.Equal((null, null, false), (m.Id, m.Name, m.Visible)));
    }
}

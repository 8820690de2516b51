using Crm.Testing;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Customers;

/// <summary>
/// Regression: two creates with the same phone running at once each passed the duplicate check (neither
/// saw the other in the read model) and both were written. The duplicate check now holds a lock per
/// normalized name, phone and e-mail over check → append.
/// </summary>
public sealed class concurrent_duplicate_creates(HostFixture host) : IClassFixture<HostFixture>
{
    private Task<IScenarioResult> RacingCreate(string route, object body) => host.Admin.Scenario(s =>
    {
        s.Post.Json(body).ToUrl(route);
        s.IgnoreStatusCode();
    });

    [Fact]
    public async Task of_several_creates_with_the_same_phone_at_once_exactly_one_is_written()
    {
        for (var round = 0; round < 5; round++)
        {
            var phone = "+86 138 " + TestRandom.Next(10_000_000, 99_999_999);
            var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => RacingCreate(Route, new { name = $"Twin {Guid.NewGuid():N}", phone })));

            Assert.Equal(1, responses.Count(r => r.Status() == 201));
            foreach (var refused in responses.Where(r => r.Status() != 201)) refused.ShouldBeProblem(409, code: "duplicate_suspected");
        }
    }

    [Fact]
    public async Task a_lead_and_a_customer_created_at_once_with_the_same_email_are_not_both_written()
    {
        for (var round = 0; round < 5; round++)
        {
            var email = $"twin{Guid.NewGuid():N}@example.com";
            var responses = await Task.WhenAll(
                RacingCreate(Route, new { name = $"Twin {Guid.NewGuid():N}", email }),
                RacingCreate("/api/leads", new { name = $"Twin {Guid.NewGuid():N}", email }));

            Assert.Equal(1, responses.Count(r => r.Status() == 201));
        }
    }
}

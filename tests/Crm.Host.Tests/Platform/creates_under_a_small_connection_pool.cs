using Crm.Testing;
using static Crm.Host.Tests.Customers.CustomerApi;
using static Crm.Host.Tests.SmallPoolHost;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// Regression: each create held one pooled connection for its duplicate-check lock and waited for a
/// second for its append, so as many creates as the pool has connections took them all and waited for
/// each other (at 110 concurrent creates 100 answered 500 "pool exhausted"). The locks are now taken
/// inside the append's own transaction: one create, one connection at a time.
/// </summary>
public sealed class creates_under_a_small_connection_pool(SmallPoolHost host) : IClassFixture<SmallPoolHost>
{
    [Fact]
    public async Task three_times_the_pool_size_of_concurrent_creates_all_succeed()
    {
        var responses = await AtOnceAsync(host.Admin, 3, (s, i) =>
        {
            s.Post.Json(new { name = $"Pool {i} {Guid.NewGuid():N}", phone = "+86 139 " + TestRandom.Next(10_000_000, 99_999_999) }).ToUrl(Route);
            s.StatusCodeShouldBe(201);
        });

        Assert.Equal(3 * PoolSize, responses.Select(r => r.Header("Location")).Distinct().Count());
    }

    [Fact]
    public async Task three_times_the_pool_size_of_concurrent_twins_write_one_each_and_refuse_the_rest()
    {
        // Ten phones, three creates each: the creates sharing a phone wait for each other's lock, the others do not.
        var phones = Enumerable.Range(0, PoolSize).Select(_ => "+86 137 " + TestRandom.Next(10_000_000, 99_999_999)).ToList();
        var responses = await AtOnceAsync(host.Admin, 3, (s, i) =>
        {
            s.Post.Json(new { name = $"Twin {Guid.NewGuid():N}", phone = phones[i / 3] }).ToUrl(Route);
            s.IgnoreStatusCode();
        });

        foreach (var group in responses.Select((response, i) => (phone: phones[i / 3], response)).GroupBy(r => r.phone))
        {
            Assert.Equal(1, group.Count(r => r.response.Status() == 201));
            foreach (var (_, refused) in group.Where(r => r.response.Status() != 201)) refused.ShouldBeProblem(409, code: "duplicate_suspected");
        }
    }
}

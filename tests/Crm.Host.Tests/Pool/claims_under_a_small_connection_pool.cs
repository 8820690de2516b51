using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;
using static Crm.Host.Tests.SmallPoolHost;

namespace Crm.Host.Tests.Pool;

/// <summary>
/// Regression: a claim under a claim limit held one pooled connection for its per-user session lock and
/// waited for a second for its append, so as many parallel claims as the pool has connections could take
/// them all and wait for each other. The claimant's lock is now taken inside the append's own
/// transaction: one claim, one connection at a time.
/// </summary>
public sealed class claims_under_a_small_connection_pool(SmallPoolHost host) : IClassFixture<SmallPoolHost>
{
    [Fact]
    public async Task three_times_the_pool_size_of_parallel_claims_by_one_user_stop_at_the_limit_without_a_500()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var ids = new List<Guid>();
        for (var i = 0; i < 3 * PoolSize; i++)
        {
            var id = (await host.Admin.CreateCustomerAsync()).Id();
            await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/{id}/put-in-pool", new { reason = "test" });
            ids.Add(id);
        }
        const int limit = 2 * PoolSize;
        await host.Admin.SendAsync(HttpMethod.Put, "/api/pool/rules", new { claimLimit = limit, claimCooldownDays = 7 });

        var answers = await AtOnceAsync(rep, 3, (s, i) =>
        {
            s.Post.Url($"/api/pool/{ids[i]}/claim");
            s.IgnoreStatusCode();
        });

        Assert.Equal(limit, answers.Count(a => a.Status() == 200));
        foreach (var refused in answers.Where(a => a.Status() != 200)) refused.ShouldBeProblem(409, code: "claim_limit_reached");
        await using var owned = host.Database.DataSource.CreateCommand("select count(*) from crm.customers where owner_id = @owner");
        owned.Parameters.AddWithValue("owner", repId);
        Assert.Equal((long)limit, (long)(await owned.ExecuteScalarAsync())!);
    }
}

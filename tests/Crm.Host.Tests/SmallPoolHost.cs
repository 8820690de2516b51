using Alba;
using Npgsql;

namespace Crm.Host.Tests;

/// <summary>
/// The host on a connection pool of <see cref="PoolSize"/>, for regression tests that send a few times the pool size of
/// requests at once: a request that holds one connection while it waits for a second would then take them all and wait
/// for itself (answering 500 "pool exhausted"), where one request needing one connection at a time only queues.
/// </summary>
public sealed class SmallPoolHost : HostFixture
{
    public const int PoolSize = 10;

    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [("CRM_DATABASE", new NpgsqlConnectionStringBuilder(Database.ConnectionString) { MaxPoolSize = PoolSize }.ConnectionString)];

    /// <summary>Sends <paramref name="timesThePool"/> × <see cref="PoolSize"/> requests at once as the caller; request i is built by
    /// <paramref name="request"/>(s, i) and the answers come back in that order.</summary>
    public static Task<IScenarioResult[]> AtOnceAsync(ApiCaller caller, int timesThePool, Action<Scenario, int> request) =>
        Task.WhenAll(Enumerable.Range(0, timesThePool * PoolSize).Select(i => caller.Scenario(s => request(s, i))));
}

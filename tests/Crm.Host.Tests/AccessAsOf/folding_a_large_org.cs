using System.Diagnostics;
using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Access;
using Crm.Write.Access;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Crm.Host.Tests.AccessAsOf;

/// <summary>
/// What answering "as of" costs: the org is read whole from its events. An org the size the permission benchmark uses (5,000 users,
/// 300 departments, 20 roles, six events a user) is folded and built into a snapshot in well under the bound; the time is printed.
/// </summary>
public sealed class folding_a_large_org(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>
{
    private static readonly string[] OrgStreams = ["user", "department", "role"];

    [Fact]
    public async Task five_thousand_users_fold_from_their_events_within_seconds()
    {
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        var departments = Enumerable.Range(0, 300).Select(_ => Guid.CreateVersion7()).ToArray();
        var roles = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToArray();
        await store.AppendAsync([.. departments.Select((d, i) => StreamAppend.Start(d, "department",
            new DepartmentCreated(d, $"Department {i}", i == 0 ? null : departments[(i - 1) / 4])))]);
        await store.AppendAsync([.. roles.Select((r, i) => StreamAppend.Start(r, "role",
            new RoleCreated(r, $"Bench role {Guid.NewGuid():N}", "", ["customer.detail", "customer.list"], DataScopes.Names[i % 5])))]);
        var users = Enumerable.Range(0, 5000).Select(_ => Guid.CreateVersion7()).ToArray();
        foreach (var batch in users.Select((u, i) => (u, i)).Chunk(500))
        {
            await store.AppendAsync([.. batch.Select(x => StreamAppend.Start(x.u, "user",
                new UserRegistered(x.u, $"1{x.i:D10}", $"User {x.i}", "unspecified", null, departments[x.i % 300], null, null, []),
                new UserRenamed(x.u, $"Bench user {x.i}", $"User {x.i}"),
                new UserRolesChanged(x.u, [roles[x.i % 20]], []),
                new UserSuperiorChanged(x.u, x.i < 10 ? null : users[x.i / 10], null),
                new UserDepartmentChanged(x.u, departments[(x.i + 1) % 300], departments[x.i % 300]),
                new UserTimeZoneChanged(x.u, "Asia/Shanghai", "UTC")))]);
        }

        var times = new List<TimeSpan>();
        OrgSnapshot? snapshot = null;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var org = await OrgAsOf.ReadAsync(store, OrgStreams, DateTimeOffset.UtcNow, CancellationToken.None);
            snapshot = org.ToSnapshotRows().ToSnapshot();
            times.Add(clock.Elapsed);
            Assert.True(org.Users.Count >= 5000 && org.Departments.Count >= 300);
        }
        output.WriteLine($"org of 5,000 users (30,000 user events) folded as of now: {string.Join(", ", times.Select(t => $"{t.TotalMilliseconds:F0} ms"))}");
        Assert.Equal(departments[2], snapshot!.FindUser(users[1])!.DepartmentId);
        Assert.True(times.Min() < TimeSpan.FromSeconds(10), $"folding took {times.Min()}");
    }
}

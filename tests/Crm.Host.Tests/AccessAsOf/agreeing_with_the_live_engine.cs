using Crm.Host.Access;
using Crm.Projections.Contracts;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Contacts;
using Crm.Write.Contracts;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Crm.Write.Opportunities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Host.Tests.AccessAsOf;

/// <summary>
/// The proof that "now" agrees by construction: for every user of the org and every record of the permission matrix's world, the
/// access answer (org and record folded from events) names exactly the users the live engine lets read the record — the endpoint
/// filter's permission check and the detail route's own Reach check, over the read models and the live org snapshot.
/// </summary>
public sealed class agreeing_with_the_live_engine(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("self")]
    [InlineData("self_and_subordinates")]
    [InlineData("department")]
    [InlineData("department_and_children")]
    [InlineData("all")]
    public async Task now_the_answer_and_the_live_engine_agree_on_every_user_and_record(string scope)
    {
        var world = await RecordWorld.BuildAsync(host, scope);
        var snapshot = await host.Services.GetRequiredService<AccessControl>().CurrentAsync(CancellationToken.None);
        var users = await AllUsersAsync();

        foreach (var (kind, id, whose) in world.Records)
        {
            var answer = await host.Admin.AccessAsync(kind, id);
            var live = new HashSet<Guid>();
            foreach (var user in users)
                if (await LiveEngineLetsReadAsync(new Caller(user, snapshot), kind, id)) live.Add(user);
            var told = answer.ViewerIds();
            Assert.True(live.SetEquals(told), $"{scope}, {kind} of {whose}: live {Names(world, live)}; answer {Names(world, told)}");
            foreach (var viewer in told) Assert.NotEmpty(answer.GrantsOf(viewer));
        }
    }

    [Fact]
    public async Task an_as_of_of_now_answers_as_the_omitted_one()
    {
        var world = await RecordWorld.BuildAsync(host, "department_and_children");
        var (kind, id, _) = world.Records.First(r => r.Kind == "contact");

        var omitted = await host.Admin.AccessAsync(kind, id);
        var now = await host.Admin.AccessAsync(kind, id, DateTimeOffset.UtcNow);
        var future = await host.Admin.AccessAsync(kind, id, DateTimeOffset.UtcNow.AddYears(3));

        Assert.True(omitted.ViewerIds().SetEquals(now.ViewerIds()));
        Assert.True(omitted.ViewerIds().SetEquals(future.ViewerIds()));
        Assert.True(future.GetProperty("asOf").GetDateTimeOffset() < DateTimeOffset.UtcNow.AddMinutes(1), "the future is answered as now");
    }

    private async Task<bool> LiveEngineLetsReadAsync(Caller caller, string kind, Guid id)
    {
        var permission = $"{kind}.detail";
        // RequirePermission's filter runs first: without the permission the route answers 403 whatever the record.
        if (!caller.Can(permission)) return false;
        var services = host.Services;
        var ct = CancellationToken.None;
        var refusal = kind switch
        {
            "customer" => (await services.GetRequiredService<CustomerReach>().CheckAsync(id, caller, permission, TeamNeed.Read, ct)).Refusal,
            "lead" => (await services.GetRequiredService<LeadReach>().CheckAsync(id, caller, permission, ct)).Refusal,
            "contact" => (await services.GetRequiredService<ContactReach>().CheckAsync(id, caller, permission, TeamNeed.Read, ct)).Refusal,
            "opportunity" => (await services.GetRequiredService<OpportunityReach>().CheckAsync(id, caller, permission, TeamNeed.Read, ct)).Refusal,
            "contract" => (await ContractReach.CheckAsync(services.GetRequiredService<ContractQueries>(), id, caller, permission, TeamNeed.Read, ct)).Refusal,
            _ => throw new ArgumentException(kind),
        };
        return refusal is null;
    }

    private async Task<List<Guid>> AllUsersAsync()
    {
        await using var cmd = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("select id from org.users");
        await using var reader = await cmd.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static string Names(RecordWorld world, IEnumerable<Guid> users) =>
        string.Join(", ", users.Select(u => world.Org.UserOf.FirstOrDefault(p => p.Value == u).Key ?? u.ToString()[..8]).Order());
}

using Crm.Host.Org;
using Crm.Write;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Identity;

public sealed class handing_over_records(handing_over_records.WithModule host) : IClassFixture<handing_over_records.WithModule>
{
    /// <summary>A module that records what it was asked to hand over, as a real one would move its records.</summary>
    public sealed class RecordingModule : IRecordsHandOver
    {
        public List<(Guid From, Guid To, Guid? Actor)> Calls { get; } = [];

        public string Module => "customers";

        public Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct)
        {
            Calls.Add((fromUserId, toUserId, request.Metadata.ActorId));
            return Task.FromResult(3);
        }
    }

    public sealed class WithModule : HostFixture
    {
        public RecordingModule Module { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IRecordsHandOver>(Module);
    }

    [Fact]
    public async Task every_registered_module_is_asked_to_hand_over_with_the_acting_administrator()
    {
        var leaver = await host.Client.CreateUserAsync();
        var heir = await host.Client.CreateUserAsync();
        await host.Client.PostAsync($"{Route}/{leaver.Id()}/disable");
        var me = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();

        var answer = await (await host.Client.PostAsync($"{Route}/{leaver.Id()}/hand-over", new { toUserId = heir.Id() })).JsonAsync();

        Assert.Equal(3, answer.GetProperty("modules").GetProperty("customers").GetInt32());
        Assert.Equal((leaver.Id(), heir.Id(), (Guid?)me.Id()), Assert.Single(host.Module.Calls));
    }

    [Fact]
    public async Task department_events_carry_the_signed_in_users_id()
    {
        var me = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();
        var created = await (await host.Client.PostAsync("/api/departments", new { name = "Actors" })).JsonAsync();

        var history = await (await host.Client.GetAsync($"/api/departments/{created.Id()}/history")).JsonAsync();

        Assert.Equal(me.Id(), history.GetProperty("items")[0].GetProperty("actorId").GetGuid());
        var read = await host.Client.GetAsync($"{Route}/{me.Id()}");
        Assert.Equal(me.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), read.ETag()?.Trim('"'));
    }
}

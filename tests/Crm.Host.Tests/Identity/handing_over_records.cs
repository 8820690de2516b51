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
        var leaver = await host.Admin.CreateUserAsync();
        var heir = await host.Admin.CreateUserAsync();
        await host.Admin.SendAsync("POST", $"{Route}/{leaver.Id()}/disable");
        var me = await host.Admin.GetJsonAsync("/api/auth/me");

        var answer = (await host.Admin.SendAsync("POST", $"{Route}/{leaver.Id()}/hand-over", new { toUserId = heir.Id() })).Json();

        Assert.Equal(3, answer.GetProperty("modules").GetProperty("customers").GetInt32());
        Assert.Equal((leaver.Id(), heir.Id(), (Guid?)me.Id()), Assert.Single(host.Module.Calls));
    }

    [Fact]
    public async Task department_events_carry_the_signed_in_users_id()
    {
        var me = await host.Admin.GetJsonAsync("/api/auth/me");
        var created = await host.Admin.CreatedAsync("/api/departments", new { name = "Actors" });

        var history = await host.Admin.GetJsonAsync($"/api/departments/{created.Id()}/history");

        Assert.Equal(me.Id(), history.GetProperty("items")[0].GetProperty("actorId").GetGuid());
        var read = await host.Admin.SendAsync("GET", $"{Route}/{me.Id()}");
        Assert.Equal(me.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), read.ETag()?.Trim('"'));
    }
}

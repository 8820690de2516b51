namespace Crm.Host.Tests.Platform;

/// <summary>Raw-wire tests bind a port the system picks, never Kestrel's default 5000, so two test runs on one machine both start.</summary>
public sealed class wire_hosts_bind_free_ports(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task two_wire_hosts_at_once_listen_on_loopback_ports_of_their_own()
    {
        await using var first = WireHost.Start(host);
        await using var second = WireHost.Start(host);

        Assert.All([first.Address, second.Address], a => Assert.Equal("127.0.0.1", a.Host));
        Assert.All([first.Address, second.Address], a => Assert.NotEqual(5000, a.Port));
        Assert.NotEqual(first.Address.Port, second.Address.Port);
        using var client = second.Client(accessToken: null);
        Assert.Equal(200, (int)(await client.GetAsync("/health/live")).StatusCode);
    }
}

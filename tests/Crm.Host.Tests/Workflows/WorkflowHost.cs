using Crm.Host.Tests.Pool;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Workflows;

/// <summary>The host with webhooks allowed to loopback (the receivers are local) and the sweep left to the tests (RunOnceAsync).</summary>
public class WorkflowHost : HostFixture
{
    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [("Crm:Webhooks:AllowPrivateNetworks", "true"), ("Crm:Workflows:SweepEnabled", "false")];
}

/// <summary><see cref="WorkflowHost"/> on a clock the test moves by hand (the no_follow_up sweep).</summary>
public sealed class WorkflowClockHost : WorkflowHost
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

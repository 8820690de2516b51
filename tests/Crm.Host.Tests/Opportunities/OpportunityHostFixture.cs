using Crm.Projections;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Host.Tests.Opportunities;

/// <summary>The host, with <see cref="SalesStandIns"/> projecting products and pipelines until their own projections land.</summary>
public sealed class OpportunityHostFixture : HostFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(sp => new EventStore.EventStore(sp.GetRequiredService<NpgsqlDataSource>(), CrmEventTypes.CreateRegistry(),
            [.. CrmProjections.Inline(), new SalesStandIns()]));
}

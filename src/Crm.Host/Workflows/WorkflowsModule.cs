using Crm.Projections.Workflows;
using Crm.Write.Workflows;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Workflows;

/// <summary>The workflows module (SET-3): its services, its run handler's dependencies, the sweep, and its routes.</summary>
public static class WorkflowsModule
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton<WorkflowQueries>();
        services.TryAddSingleton<WorkflowRuns>();
        services.TryAddSingleton<WorkflowRecords>();
        services.TryAddSingleton<WorkflowHandler>();
        services.TryAddSingleton<WorkflowActions>();
        services.TryAddSingleton<WorkflowRunner>();
        services.TryAddSingleton<WorkflowSweepService>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowSweepService>());
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflows(this IEndpointRouteBuilder app)
    {
        app.MapWorkflowsApi();
        return app;
    }
}

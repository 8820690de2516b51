using Crm.Projections.Contracts;
using Crm.Projections.Tasks;
using Crm.Write.Access;
using Crm.Write.Tasks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Tasks;

/// <summary>The tasks module (WORK-1) and the workbench (WORK-2): services and routes, registered by Program in one pair of calls.</summary>
public static class TasksModule
{
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.TryAddSingleton<TaskQueries>();
        services.TryAddSingleton<WorkbenchQueries>();
        services.TryAddSingleton<TaskReach>();
        services.AddRelatedRecords();
        services.TryAddSingleton<TaskHandler>();
        services.AddSingleton<Org.IRecordsHandOver, TaskHandOver>();
        return services;
    }

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        app.MapTasksApi();
        app.MapWorkbenchApi();
        return app;
    }
}

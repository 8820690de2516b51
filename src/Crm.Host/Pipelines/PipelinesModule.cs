using Crm.Projections.Funnel;
using Crm.Projections.Pipelines;
using Crm.Write.Pipelines;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Pipelines;

/// <summary>The pipelines module (SAL-2): its services and its routes, registered by Program in one pair of calls.</summary>
public static partial class PipelinesModule
{
    public static IServiceCollection AddPipelines(this IServiceCollection services)
    {
        services.TryAddSingleton<PipelineQueries>();
        services.TryAddSingleton<FunnelQueries>();
        services.TryAddSingleton<PipelineHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapPipelines(this IEndpointRouteBuilder app)
    {
        app.MapPipelinesApi();
        return app;
    }

    /// <summary>The standard pipeline, created as the default at start-up when no pipeline is the default (a fresh installation).</summary>
    public static async Task CreateStandardPipelineAsync(this WebApplication app)
    {
        if (await app.Services.GetRequiredService<PipelineHandler>().EnsureStandardAsync(app.Lifetime.ApplicationStopping))
            Created(app.Logger, PipelineHandler.StandardId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Standard sales pipeline created ({PipelineId})")]
    private static partial void Created(ILogger logger, Guid pipelineId);
}

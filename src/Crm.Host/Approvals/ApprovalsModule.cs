using Crm.Projections.Approvals;
using Crm.Write.Approvals;
using Crm.Write.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Approvals;

/// <summary>
/// The approval engine (SAL-4): flows, submissions, and the submit/approval pair of every record kind registered as an
/// <see cref="IApprovalSubject"/> (contracts here; payments and later kinds register theirs the same way).
/// </summary>
public static class ApprovalsModule
{
    public static IServiceCollection AddApprovals(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApprovalSubject, ContractApprovalSubject>());
        services.TryAddSingleton<ApprovalSubjects>();
        services.TryAddSingleton<ApprovalFlowQueries>();
        services.TryAddSingleton<ApprovalQueries>();
        services.TryAddSingleton<ApprovalFlowHandler>();
        services.TryAddSingleton<ApprovalHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapApprovals(this IEndpointRouteBuilder app)
    {
        app.MapApprovalFlowsApi();
        app.MapApprovalsApi();
        app.MapApprovalSubjectsApi();
        return app;
    }
}

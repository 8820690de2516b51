using Crm.EventStore.Projections;
using Crm.Projections.Access;
using Crm.Projections.Approvals;
using Crm.Projections.Products;
using Crm.Projections.Auth;
using Crm.Projections.Contacts;
using Crm.Projections.Contracts;
using Crm.Projections.Customers;
using Crm.Projections.Dashboard;
using Crm.Projections.Funnel;
using Crm.Projections.Invoices;
using Crm.Projections.Targets;
using Crm.Projections.Leads;
using Crm.Projections.Notifications;
using Crm.Projections.Opportunities;
using Crm.Projections.Payments;
using Crm.Projections.Pipelines;
using Crm.Projections.Scenes;
using Crm.Projections.Org;

namespace Crm.Projections;

/// <summary>Every projection with its lifecycle, registered explicitly (no scanning).</summary>
public static class CrmProjections
{
    /// <summary>Run inside the append transaction: what the UI must read right after its own write.</summary>
    public static IReadOnlyList<IProjection> Inline() =>
    [
        new DepartmentsProjection(),
        new RolesProjection(),
        new PositionsProjection(),
        new UsersProjection(),
        new CredentialsProjection(),
        new AccessVersionProjection(),
        new LeadsProjection(),
        new CustomersProjection(),
        new CustomerTeamProjection(),
        new ContactsProjection(),
        new ProductCategoriesProjection(),
        new ProductsProjection(),
        new FollowUpsProjection(),
        new NotificationsProjection(), // keeps its own record names (crm.notification_names): no order among these matters
        new ScenesProjection(),
        new CustomerDealsProjection(),
        new OpportunitiesProjection(),
        new OpportunityLinesProjection(),
        new OpportunityTeamProjection(),
        new PipelinesProjection(),
        new ContractsProjection(), // before crm.payment_plans, whose new rows read the contract's owner from it
        new ContractLinesProjection(),
        new ContractTeamProjection(),
        new PaymentPlansProjection(),
        new ApprovalFlowsProjection(),
        new ApprovalsProjection(),
        new InvoicesProjection(),
        new TargetsProjection(),
        new PaymentsProjection(),
    ];

    /// <summary>Run by the projection daemon: dashboards and reports.</summary>
    public static IReadOnlyList<IProjection> Async() =>
    [
        new DailyCountsProjection(),
        new FunnelProjection(),
        new AchievementProjection(),
        new ReceivablesProjection(),
    ];
}

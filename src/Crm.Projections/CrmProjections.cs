using Crm.EventStore.Projections;
using Crm.EventStore.Subscriptions;
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
using Crm.Projections.Tasks;

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
        new NotificationReadsProjection(), // the notifications themselves come from a subscription: CrmSubscriptions
        new ScenesProjection(),
        new Workflows.WorkflowsProjection(),
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
        new TasksProjection(),
        new Attachments.AttachmentsProjection(),
        new Calendar.CalendarEventsProjection(),
        new Calendar.CalendarFeedsProjection(),
        new Classification.CustomerClassSettingsProjection(),
        new DataSync.ExternalIdsProjection(),
        new RecordCare.RecordCareProjection(),
        new Integrations.WebhooksProjection(),
        new Integrations.ApiTokensProjection(),
        new CustomFields.CustomFieldsProjection(),
    ];

    /// <summary>Run by the projection daemon: dashboards and reports.</summary>
    public static IReadOnlyList<IProjection> Async() =>
    [
        new DailyCountsProjection(),
        new ActivityProjection(),
        new FunnelProjection(),
        new AchievementProjection(),
        new ReceivablesProjection(),
        new Classification.CustomerFactsProjection(),
    ];

    /// <summary>
    /// Run by the projection daemon too, beside the async projections: side effects handed to the host's durable outbox in the
    /// transaction of their checkpoint (docs/event-store.md, "Subscriptions").
    /// </summary>
    public static IReadOnlyList<IProjection> Subscriptions(ISubscriptionOutbox outbox) =>
    [
        new NotificationsSubscription(outbox),
        new Workflows.WorkflowTriggerSubscription(outbox),
        new Integrations.WebhooksSubscription(outbox),
    ];
}

using Crm.Events;
using Crm.Projections.Contracts;
using Crm.Projections.Customers;
using Crm.Projections.Filtering;
using Crm.Projections.Leads;

namespace Crm.Projections.Reports;

/// <summary>The six reports (DASH-2): what each counts, from which read models, and how (docs/reports.md says it in words).</summary>
public static class ReportSpecs
{
    private static readonly Dictionary<string, (string, string?)> NoAttributes = [];

    /// <summary>Customers created in the range (crm.customers), as the customer list shows them (owner in scope, or on the team).</summary>
    public static ReportSpec Customers { get; } = new("customers", ReportGroupBy.User, ["customers", "followedUp", "closedDeal", "locked"],
        CustomerFilterFields.All,
        [new ReportPart("crm.customers c", "c.owner_id", "c.created_at", false, null, "true", ReportVisibility.Customers,
            ["count(*)", "count(*) filter (where c.last_follow_up_at is not null)",
                "count(*) filter (where exists (select 1 from crm.customer_deals d where d.customer_id = c.id))", "count(*) filter (where c.locked)"],
            new Dictionary<string, (string, string?)>
            {
                [ReportGroupBy.Source] = ("c.source", null),
                [ReportGroupBy.Industry] = ("c.industry", null),
                [ReportGroupBy.Level] = ("c.level", null),
                [ReportGroupBy.Stage] = (CustomerRow.FollowUpStatusShownSql("c"), null),
            })]);

    /// <summary>Leads created in the range (crm.leads) and how many of them are converted by now; conversionRate = converted × 100 / leads.</summary>
    public static ReportSpec LeadConversion { get; } = new("lead-conversion", ReportGroupBy.User, ["leads", "converted", "conversionRate"],
        LeadFilterFields.All,
        [new ReportPart("crm.leads l", "l.owner_id", "l.created_at", false, null, "true", ReportVisibility.Leads,
            ["count(*)", "count(*) filter (where l.converted_customer_id is not null)", null],
            new Dictionary<string, (string, string?)>
            {
                [ReportGroupBy.Source] = ("l.source", null),
                [ReportGroupBy.Industry] = ("l.industry", null),
                [ReportGroupBy.Level] = ("l.level", null),
            })],
        v => [v[0], v[1], ReportFolding.Percent(v[1], v[0])]);

    /// <summary>The follow-up fields a follow-up report filters on, over crm.follow_ups aliased f.</summary>
    public static IReadOnlyList<FilterField> FollowUpFields { get; } =
    [
        new("kind", "f.kind", FilterType.Text),
        new("recordType", "f.record_type", FilterType.Text),
        new("recordId", "f.record_id", FilterType.Uuid),
        new("customerId", "f.customer_id", FilterType.Uuid),
        new("createdBy", "f.created_by", FilterType.Uuid),
        new("departmentId", "(select u.department_id from org.users u where u.id = f.created_by)", FilterType.Uuid),
        new("createdAt", "f.created_at", FilterType.Timestamp),
        new("nextContactAt", "f.next_contact_at", FilterType.Timestamp),
    ];

    /// <summary>Follow-ups recorded in the range (crm.follow_ups), by who recorded them, where the caller sees them listed.</summary>
    public static ReportSpec FollowUps { get; } = new("follow-ups", ReportGroupBy.User, ["followUps", "withNextContact"], FollowUpFields,
        [new ReportPart("crm.follow_ups f", "f.created_by", "f.created_at", false, null, "true", ReportVisibility.FollowUps,
            ["count(*)", "count(*) filter (where f.next_contact_at is not null)"],
            new Dictionary<string, (string, string?)> { [ReportGroupBy.Kind] = ("f.kind", null) })]);

    /// <summary>The lines of contracts approved in the range (crm.contract_lines of approved crm.contracts), per product and currency.</summary>
    public static ReportSpec ProductSales { get; } = new("product-sales", ReportGroupBy.Product, ["quantity", "amount", "lines"],
        ContractFilterFields.All,
        [new ReportPart("crm.contract_lines cl join crm.contracts k on k.id = cl.contract_id", "k.owner_id", "k.approved_at", false, "cl.currency",
            $"k.status = '{ApprovalStatus.Approved}'", ReportVisibility.Contracts, ["sum(cl.quantity)", "sum(cl.subtotal)", "count(*)"],
            new Dictionary<string, (string, string?)> { [ReportGroupBy.Product] = ("cl.product_id::text", "max(cl.product_name)") })]);

    /// <summary>
    /// Money received and planned in the range: approved payments received (crm.payments), instalments planned (crm.payment_plans) of
    /// approved contracts, and what is unpaid of the planned ones that fell due before today (crm.receivable_plans, async).
    /// </summary>
    public static ReportSpec Payments { get; } = new("payments", ReportGroupBy.Month, ["received", "planned", "overdue"], ContractFilterFields.All,
    [
        new ReportPart("crm.payments p join crm.contracts k on k.id = p.contract_id", "p.owner_id", "p.received_on", true, "p.currency",
            $"p.status = '{ApprovalStatus.Approved}'", s => ReportVisibility.Payments(s, "p"), ["sum(p.amount)", "0", "0"],
            NoAttributes),
        new ReportPart(
            "crm.payment_plans pp join crm.contracts k on k.id = pp.contract_id "
            + "left join crm.receivable_plans rp on rp.contract_id = pp.contract_id and rp.plan_id = pp.plan_id",
            "pp.owner_id", "pp.planned_on", true, "pp.currency", $"k.status = '{ApprovalStatus.Approved}'",
            s => ReportVisibility.Payments(s, "pp"),
            ["0", "sum(pp.amount)", "sum(coalesce(rp.outstanding, pp.amount)) filter (where pp.planned_on < @today)"], NoAttributes),
    ]);

    /// <summary>The amounts of contracts approved in the range (crm.contracts): a ranking's contractAmount.</summary>
    internal static ReportSpec ContractAmounts { get; } = new("contracts", ReportGroupBy.User, ["contractAmount"], ContractFilterFields.All,
        [new ReportPart("crm.contracts k", "k.owner_id", "k.approved_at", false, "k.currency", $"k.status = '{ApprovalStatus.Approved}'",
            ReportVisibility.Contracts, ["sum(k.amount)"], NoAttributes)]);

    public static IReadOnlyList<ReportSpec> All { get; } = [Customers, LeadConversion, FollowUps, ProductSales, Payments];
}

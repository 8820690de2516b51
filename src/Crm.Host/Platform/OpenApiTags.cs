using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>
/// The document's tags in reading order, each with a description: sign-in first (every other call needs its token),
/// then the daily work, then administration. The docs page and generated clients group operations by them.
/// </summary>
public static class OpenApiTags
{
    public static readonly (string Name, string Description)[] InOrder =
    [
        ("Sign-in", "Start here: POST /api/auth/login answers the access token to send as `Authorization: Bearer …` on every other call, "
            + "and a refresh token to renew it. Also the signed-in user and password change."),
        ("Leads", "Prospects before they become customers: create, assign, follow up, transfer and convert (one by one or in bulk)."),
        ("Customers", "Customer records with their owner, team, history and follow-ups; search, transfer, lock, put in the public pool, "
            + "CSV import and export."),
        ("Contacts", "The people at a customer, with their history and follow-ups."),
        ("Public pool", "Customers without an owner: claim them, assign them, and the rules that recycle idle customers into the pool."),
        ("Opportunities", "Sales opportunities of customers: product lines, stages of a pipeline, win, lose and reopen, team, transfer and follow-ups."),
        ("Contracts", "Contracts (SAL-3) with their number, lines, status (draft, pending, approved, rejected, voided), team, transfer, voiding, "
            + "CSV export, and their payment plans (SAL-5)."),
        ("Invoices", "Invoices requested against approved contracts (SAL-7): at most the invoiceable amount, approved through the approval "
            + "engine, then issued."),
        ("Targets", "Sales targets per user or department for contract amount or payments received, and what was achieved against them."),
        ("Payments", "Money received against approved contracts (回款): recorded as drafts, counted once approved; history, time travel, CSV export."),
        ("Receivables", "What approved contracts still owe (应收): per contract, overdue instalments, aging buckets and payment-plan reminders."),
        ("Tasks", "Tasks (WORK-1) with subtasks, comments, participants and related records; complete, reopen, archive; the workbench (WORK-2) "
            + "buckets inbox, overdue, today, next, later and done."),
        ("Calendar", "The schedule (WORK-3): events and series (RRULE subset) in their IANA zone, occurrence exceptions, your merged calendar of "
            + "events, task due times and follow-up next contacts, and a secret .ics feed URL to subscribe to."),
        ("Attachments", "Files on leads, customers, contacts, opportunities, contracts, tasks and products: upload (multipart/form-data), list, "
            + "download, delete; each a change in the record's history, reached exactly as the record is."),
        ("Scenes", "Each user's saved list views (filter, sort, search text) for leads, customers and contacts, and their results."),
        ("Workflows", "Automation rules (on a customer or lead event, or N days without a follow-up, when a filter matches: do these actions) and their runs."),
        ("Pipelines", "Sales pipelines: ordered stages with win rates, one default pipeline for new opportunities."),
        ("Approval flows", "Approval flows per record kind: ordered steps by a user, the superior or a role, any or all; one enabled per kind."),
        ("Approvals", "Submissions bound to one record version: waiting for me, mine, approve, reject, withdraw; each record kind's submit and approval view."),
        ("Notifications", "The signed-in user's in-app notifications."),
        ("Dashboard", "The briefing: counts and to-dos for the signed-in user's scope."),
        ("Reports", "Reports (DASH-2) on customers, lead conversion, follow-ups, product sales, payments (received against planned, overdue) and "
            + "rankings: grouped by user, department, period of your calendar or the report's own dimensions, filtered, totalled per "
            + "currency, exported as CSV or XLSX; only what your lists show."),
        ("Products", "The product catalogue (SAL-1): products with code, price and custom fields, on and off shelf, history and time travel, "
            + "CSV import and export."),
        ("Product categories", "The product category tree; every change is kept as history."),
        ("Users", "Accounts, their roles, departments and positions; enabling, disabling and password resets."),
        ("Departments", "The department tree; every change is kept as history."),
        ("Positions", "Positions in departments and who reports to whom."),
        ("Roles", "Roles: permissions from the catalogue and one data scope each; the catalogue and the caller's own permissions."),
        ("Settings", "System settings such as the session timeout."),
        ("Custom fields", "Custom fields (SET-1) administrators define per record kind: type, required, unique, default, options, order."),
        ("Metadata", "Every field of a record kind, built-in and custom, with type, constraints, options, filter operators and sortability."),
        ("Audit", "The global event feed for auditors and integrations: every event in order, resumable from any position; and who could "
            + "see a customer, lead, contact, opportunity or contract at any moment, and why."),
        ("Integrations", "Webhooks: events of the feed posted, signed, to other systems, with their delivery logs and redelivery; and API "
            + "tokens for other systems, narrowed to chosen permissions and a data scope, rate-limited per token."),
        ("Read models", "Operators' view of the async read models: state, lag and dead letters; rebuild one, replay dead letters."),
    ];

    public static OpenApiOptions AddCrmTags(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        // The list's order is the order the page shows; tags the operations use but this list misses go last, undescribed
        // (the docs test names them).
        var used = document.Paths?.Values
            .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Tags ?? Enumerable.Empty<OpenApiTagReference>()).Select(t => t.Name)
            .OfType<string>().Distinct().ToList() ?? [];
        var described = InOrder.Where(t => used.Contains(t.Name)).ToList();
        var ordered = described.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })
            .Concat(used.Except(described.Select(t => t.Name)).Select(name => new OpenApiTag { Name = name }))
            .ToList();
        // The document holds a set; one sorted by the list's order keeps it, where a HashSet's order is only an accident.
        var rank = ordered.Select((tag, index) => (tag.Name!, index)).ToDictionary(t => t.Item1, t => t.index);
        document.Tags = new SortedSet<OpenApiTag>(ordered, Comparer<OpenApiTag>.Create((a, b) => rank[a.Name!].CompareTo(rank[b.Name!])));
        return Task.CompletedTask;
    });
}

using System.Collections.Frozen;

namespace Crm.Write.Access;

/// <summary>One operation permission: "module.action", e.g. customer.transfer.</summary>
/// <param name="OwnerScoped">True when the module's records have an owner, so the role's data scope limits whose records the permission reaches.</param>
public sealed record Permission(string Name, string Module, string Action, string Description, bool OwnerScoped);

/// <summary>A module and its permissions, in the order a role editor shows them.</summary>
public sealed record PermissionModule(string Module, string Title, bool OwnerScoped, IReadOnlyList<Permission> Permissions);

/// <summary>
/// Every operation permission of the CRM, per module and action (ORG-4), including modules built
/// later, so roles can be set up once and keep working as modules arrive. The names are a contract
/// stored in role events: never rename or remove one (mark it unused in docs/permissions.md instead).
/// </summary>
public static class PermissionCatalogue
{
    public static IReadOnlyList<PermissionModule> Modules { get; } =
    [
        Owned("lead", "Leads", ("create", "Create leads"), ("list", "List leads"), ("detail", "Read a lead"), ("edit", "Edit leads and their follow-ups"),
            ("delete", "Delete leads"), ("import", "Import leads"), ("export", "Export leads"), ("transfer", "Transfer leads to another owner"),
            ("convert", "Convert leads into customers"), ("claim", "Claim leads from the lead pool"), ("assign", "Assign leads from the lead pool"),
            ("erase", "Erase a lead's personal data (PIPL/GDPR)")),
        Owned("customer", "Customers", ("create", "Create customers"), ("list", "List customers"), ("detail", "Read a customer"),
            ("edit", "Edit customers and their follow-ups"), ("delete", "Delete customers"), ("import", "Import customers from CSV"),
            ("export", "Export customers"), ("transfer", "Transfer customers to another owner"), ("lock", "Lock and unlock customers"),
            ("team", "Add and remove team members"), ("recycle", "Put customers back into the public pool"),
            ("erase", "Erase a customer's personal data (PIPL/GDPR)"), ("merge", "Merge duplicate customers"),
            ("archive", "Archive and unarchive customers (clean-up)")),
        Owned("contact", "Contacts", ("create", "Create contacts"), ("list", "List contacts"), ("detail", "Read a contact"), ("edit", "Edit contacts"),
            ("delete", "Delete contacts"), ("import", "Import contacts"), ("export", "Export contacts"), ("transfer", "Transfer contacts"),
            ("erase", "Erase a contact's personal data (PIPL/GDPR)")),
        Shared("pool", "Public pool", ("list", "See the public pool"), ("claim", "Claim customers from the pool"),
            ("assign", "Assign pool customers to users"), ("rules", "Edit recycling rules and claim limits")),
        Owned("opportunity", "Opportunities", ("create", "Create opportunities"), ("list", "List opportunities"), ("detail", "Read an opportunity"),
            ("edit", "Edit opportunities"), ("delete", "Delete opportunities"), ("export", "Export opportunities"),
            ("transfer", "Transfer opportunities"), ("advance", "Advance, win or lose opportunities"), ("team", "Edit opportunity teams")),
        Shared("pipeline", "Sales pipelines", ("list", "See sales pipelines and their stages"), ("edit", "Configure sales pipelines and stages")),
        Owned("contract", "Contracts", ("create", "Create contracts"), ("list", "List contracts"), ("detail", "Read a contract"), ("edit", "Edit contracts"),
            ("delete", "Delete contracts"), ("export", "Export contracts"), ("transfer", "Transfer contracts"),
            ("submit", "Submit contracts for approval"), ("approve", "Approve or reject contracts")),
        Shared("approval-flow", "Approval flows", ("list", "See approval flows"), ("edit", "Configure approval flows"),
            ("reassign", "Reassign a waiting approver of a pending submission")),
        Owned("payment-plan", "Payment plans", ("create", "Create payment plans"), ("list", "List payment plans"), ("detail", "Read a payment plan"),
            ("edit", "Edit payment plans"), ("delete", "Delete payment plans")),
        Owned("payment", "Payments", ("create", "Record payments"), ("list", "List payments"), ("detail", "Read a payment"), ("edit", "Edit payments"),
            ("delete", "Delete payments"), ("export", "Export payments"), ("approve", "Approve or reject payments")),
        Owned("invoice", "Invoices", ("create", "Create invoices"), ("list", "List invoices"), ("detail", "Read an invoice"), ("edit", "Edit invoices"),
            ("delete", "Delete invoices"), ("approve", "Approve or reject invoices")),
        Owned("target", "Sales targets", ("list", "See sales targets"), ("edit", "Set sales targets")),
        Shared("product", "Products", ("create", "Create products"), ("list", "List products"), ("detail", "Read a product"), ("edit", "Edit products"),
            ("delete", "Delete products"), ("import", "Import products"), ("export", "Export products"), ("shelve", "Put products on or off shelf")),
        Owned("task", "Tasks", ("create", "Create tasks"), ("list", "List tasks"), ("detail", "Read a task"), ("edit", "Edit, complete and reopen tasks"),
            ("delete", "Delete tasks")),
        Owned("schedule", "Schedule", ("create", "Create schedule events"), ("list", "See schedules"), ("edit", "Edit schedule events"),
            ("delete", "Delete schedule events")),
        Owned("dashboard", "Dashboard", ("view", "See the dashboard")),
        Owned("report", "Reports", ("view", "See reports"), ("export", "Export reports")),
        Shared("department", "Departments", ("create", "Create departments"), ("list", "List departments"), ("edit", "Rename and move departments"),
            ("delete", "Delete empty departments")),
        Shared("position", "Positions", ("create", "Create positions"), ("list", "List positions"), ("edit", "Edit positions"), ("delete", "Delete positions")),
        Shared("user", "Users", ("create", "Create users"), ("list", "List users"), ("detail", "Read a user"), ("edit", "Edit users"),
            ("grant", "Grant and revoke users' roles"), ("disable", "Disable and enable users"), ("reset-password", "Reset users' passwords"),
            ("hand-over", "Hand a disabled user's records over")),
        Shared("role", "Roles", ("create", "Create roles"), ("list", "List roles"), ("edit", "Edit roles' permissions and data scope"),
            ("delete", "Delete roles")),
        Shared("settings", "Settings", ("view", "See the configuration"), ("edit", "Edit the configuration")),
        Shared("custom-field", "Custom fields", ("list", "See custom fields"), ("edit", "Define custom fields")),
        Shared("workflow", "Workflow automation", ("list", "See workflow rules"), ("edit", "Edit workflow rules")),
        Shared("webhook", "Webhooks and API tokens", ("list", "See webhooks and API tokens"), ("edit", "Edit webhooks and API tokens")),
        Shared("data", "Data management", ("backup", "Back up and restore"), ("clean-up", "Clean up and merge duplicates")),
        Shared("audit", "Audit", ("feed", "Read the global event feed"), ("access", "See who could see a record, and why")),
        Shared("projection", "Read models", ("list", "See read models' state, lag and dead letters"),
            ("rebuild", "Rebuild read models and replay their dead letters")),
        Owned("campaign", "Campaigns", ("create", "Create campaigns"), ("list", "List campaigns"), ("detail", "Read a campaign"), ("edit", "Edit campaigns"),
            ("delete", "Delete campaigns")),
        Owned("ticket", "Service tickets", ("create", "Create tickets"), ("list", "List tickets"), ("detail", "Read a ticket"), ("edit", "Edit tickets"),
            ("delete", "Delete tickets"), ("dispatch", "Dispatch tickets to staff")),
    ];

    private static readonly FrozenDictionary<string, Permission> ByName =
        Modules.SelectMany(m => m.Permissions).ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    public static IEnumerable<Permission> All => Modules.SelectMany(m => m.Permissions);

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static Permission? Find(string name) => ByName.GetValueOrDefault(name);

    private static PermissionModule Owned(string module, string title, params (string Action, string Description)[] actions) => Build(module, title,
        true, actions);

    private static PermissionModule Shared(string module, string title, params (string Action, string Description)[] actions) => Build(module, title,
        false, actions);

    private static PermissionModule Build(string module, string title, bool ownerScoped, (string Action, string Description)[] actions) =>
        new(module, title, ownerScoped, actions.Select(a => new Permission($"{module}.{a.Action}", module, a.Action, a.Description, ownerScoped)).ToList());
}

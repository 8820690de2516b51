using Crm.Projections.Contracts;
using Crm.Projections.Products;
using Crm.Write.Access;
using Crm.Write.Contacts;
using Crm.Write.Contracts;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Crm.Write.Opportunities;
using Crm.Write.Products;
using Crm.Write.Tasks;

namespace Crm.Write.Attachments;

/// <summary>
/// The kinds of record that take attachments, one line each: a module that adds a kind (tasks) adds its line here, with its decider
/// and its Reach class's two checks, and gets the routes, the OpenAPI operations and the access rule of attachments from it.
/// </summary>
public static class AttachableKinds
{
    public static IReadOnlyList<AttachableKind> All { get; } =
    [
        AttachableKind.Of("leads", LeadReach.Kind, Lead.Decider, s => s.Exists,
            (_, s, caller, need, _, _) => ValueTask.FromResult(LeadReach.Check(s, caller, need.Permission)),
            async (id, caller, need, sp, ct) => (await sp.Need<LeadReach>().CheckAsync(id, caller, need.Permission, ct)).Refusal),
        AttachableKind.Of("customers", CustomerReach.Kind, Customer.Decider, s => s.Exists,
            (id, s, caller, need, _, _) => ValueTask.FromResult(CustomerReach.Check(id, s, caller, need.Permission, need.Team)),
            async (id, caller, need, sp, ct) => (await sp.Need<CustomerReach>().CheckAsync(id, caller, need.Permission, need.Team, ct)).Refusal),
        AttachableKind.Of("contacts", ContactReach.Kind, Contact.Decider, s => s.Exists,
            async (id, s, caller, need, sp, ct) => await sp.Need<ContactReach>().CheckAsync(id, s, caller, need.Permission, need.Team, ct),
            async (id, caller, need, sp, ct) => (await sp.Need<ContactReach>().CheckAsync(id, caller, need.Permission, need.Team, ct)).Refusal),
        AttachableKind.Of("opportunities", OpportunityReach.Kind, Opportunity.Decider, s => s.Exists,
            (id, s, caller, need, _, _) => ValueTask.FromResult(OpportunityReach.Check(id, s, caller, need.Permission, need.Team)),
            async (id, caller, need, sp, ct) => (await sp.Need<OpportunityReach>().CheckAsync(id, caller, need.Permission, need.Team, ct)).Refusal),
        AttachableKind.Of("contracts", ContractReach.Kind, Contract.Decider, s => s.Exists,
            (id, s, caller, need, _, _) => ValueTask.FromResult(ContractReach.Check(id, s, caller, need.Permission, need.Team)),
            async (id, caller, need, sp, ct) =>
                (await ContractReach.CheckAsync(sp.Need<ContractQueries>(), id, caller, need.Permission, need.Team, ct)).Refusal),
        // Participants read a task (its files too) but change nothing of it: an upload or delete by one is 403 team_read_only.
        AttachableKind.Of("tasks", TaskReach.Kind, WorkTask.Decider, s => s.Exists && !s.Archived,
            (id, s, caller, need, _, _) => ValueTask.FromResult(TaskReach.Check(id, s, caller, need.Permission, need.Team)),
            async (id, caller, need, sp, ct) => (await sp.Need<TaskReach>().CheckAsync(id, caller, need.Permission, need.Team, ct)).Refusal),
        // Products are not owned: the permission is the whole rule (a deleted product is gone).
        AttachableKind.Of("products", "product", Product.Decider, s => s.Live,
            (id, _, caller, need, _, _) => ValueTask.FromResult(caller.Can(need.Permission) ? null : RecordAccess.NotFound("product", id)),
            async (id, caller, need, sp, ct) =>
                caller.Can(need.Permission) && await sp.Need<ProductQueries>().GetAsync(id, ct) is not null ? null : RecordAccess.NotFound("product", id)),
    ];

    /// <summary>The kind at /api/{route}; null for a route no kind has.</summary>
    public static AttachableKind? ByRoute(string route) => All.FirstOrDefault(k => k.Route == route);

    /// <summary>The kind events and rows name (customer, lead …); null for a kind no longer listed.</summary>
    public static AttachableKind? ByKind(string kind) => All.FirstOrDefault(k => k.Kind == kind);

    private static T Need<T>(this IServiceProvider services) where T : class =>
        services.GetService(typeof(T)) as T ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered: attachments need it.");
}

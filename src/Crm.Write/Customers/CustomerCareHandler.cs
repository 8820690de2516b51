using Crm.EventStore;
using Crm.Projections.Customers;
using Crm.Projections.RecordCare;
using Crm.Write.Access;
using Crm.Write.Contacts;
using Crm.Write.Tasks;

namespace Crm.Write.Customers;

/// <summary>Several customers to archive at once (the clean-up's bulk action); each is its own transaction.</summary>
public sealed record ArchiveCustomers(IReadOnlyList<Guid> CustomerIds, string? Reason);

/// <summary>
/// Record care of customers (SET-4): archive and unarchive (customer.archive), restore the fields of an earlier version (customer.edit),
/// merge a duplicate into a survivor (customer.merge, read-write on both, and contact.edit over every contact that moves). Each
/// applies the caller's reach to the records as their streams have them, then If-Match (the customer's, the survivor's for a merge).
/// </summary>
public sealed class CustomerCareHandler(CommandHandler handler, EventStore.EventStore store, CustomerQueries customers, RecordCareQueries care,
    ContactReach contactReach, CustomerCascadeGuard cascadeGuard, TimeProvider clock)
{
    public const string ArchivePermission = "customer.archive";
    public const string MergePermission = "customer.merge";

    public async Task<CommandOutcome> ArchiveAsync(Guid id, string? reason, Caller caller, CommandRequest request, CancellationToken ct)
    {
        // The row's last change is what the clean-up measured; the event keeps it, so the log says why the customer qualified.
        var untouchedSince = (await customers.GetAsync(id, ct))?.UpdatedAt ?? clock.GetUtcNow();
        return await Reached(id, ArchivePermission, TeamNeed.None, caller, request,
            (state, _, _) => ValueTask.FromResult(Customer.Decide(new ArchiveCustomer(id, reason, untouchedSince), state, Context(request))), ct);
    }

    /// <summary>Per id, in the order sent (duplicates once).</summary>
    public async Task<IReadOnlyList<CommandOutcome>> ArchiveManyAsync(ArchiveCustomers command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var outcomes = new List<CommandOutcome>();
        foreach (var id in command.CustomerIds.Distinct())
            outcomes.Add(await ArchiveAsync(id, command.Reason, caller, request, ct));
        return outcomes;
    }

    public Task<CommandOutcome> UnarchiveAsync(Guid id, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(id, ArchivePermission, TeamNeed.None, caller, request,
            (state, _, _) => ValueTask.FromResult(Customer.Decide(new UnarchiveCustomer(id), state, Context(request))), ct);

    /// <summary>The customer's stream up to the version asked, folded, against the customer now.</summary>
    public Task<CommandOutcome> RestoreAsync(RestoreCustomer command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.CustomerId, "customer.edit", TeamNeed.ReadWrite, caller, request, async (state, version, t) =>
        {
            var then = command.Version is >= 1 && command.Version <= version
                ? Customer.Decider.Fold(Customer.Decider.Initial,
                    (await store.ReadStreamAsync(command.CustomerId, command.Version, ct: t)).Select(e => e.Data))
                : CustomerState.None;
            return Customer.Decide(command, state, version, then, Context(request));
        }, ct);

    /// <summary>
    /// Both customers, reached for customer.merge with read-write; then every contact of the merged one, reached for contact.edit: a
    /// caller never moves a record they could not change themselves (403 merge_not_permitted, naming how many, never which). A merged
    /// customer with opportunities or contracts is refused (409 merge_has_deals): deals do not move yet.
    /// </summary>
    public Task<CommandOutcome> MergeAsync(MergeCustomers command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleManyAsync(command.SurvivorId, async t =>
        {
            var (survivor, survivorVersion) = await store.LoadAsync(Customer.Decider, command.SurvivorId, t) ?? (CustomerState.None, 0);
            var (merged, mergedVersion) = await store.LoadAsync(Customer.Decider, command.MergedId, t) ?? (CustomerState.None, 0);
            if (CustomerReach.Check(command.SurvivorId, survivor, caller, MergePermission, TeamNeed.ReadWrite) is { } hiddenSurvivor)
                return MultiStreamPlan.Refuse(hiddenSurvivor);
            if (CustomerReach.Check(command.MergedId, merged, caller, MergePermission, TeamNeed.ReadWrite) is { } hiddenMerged)
                return MultiStreamPlan.Refuse(hiddenMerged with { Field = "mergedId" });
            if (request.ExpectedVersion is { } expected && expected != survivorVersion)
                return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, survivorVersion));
            var versions = new Dictionary<Guid, long> { [command.SurvivorId] = survivorVersion, [command.MergedId] = mergedVersion };
            if (command.SurvivorId == command.MergedId || merged.MergedInto is not null || survivor.MergedInto is not null)
                return new MultiStreamPlan(Customer.Decide(command, survivor, merged, [], Context(request)), versions, survivorVersion);
            if (await care.HasDealsAsync(command.MergedId, t))
                return MultiStreamPlan.Refuse(HasDeals(command.MergedId));

            var contactIds = await customers.ContactIdsAsync(command.MergedId, t);
            var contacts = new List<ContactState>();
            var outOfReach = 0;
            foreach (var contactId in contactIds)
            {
                if (await store.LoadAsync(Contact.Decider, contactId, t) is not { } loaded) continue;
                if (await contactReach.CheckAsync(contactId, loaded.State, caller, "contact.edit", TeamNeed.ReadWrite, t) is not null) outOfReach++;
                contacts.Add(loaded.State);
                versions[contactId] = loaded.Version;
            }
            if (outOfReach > 0) return MultiStreamPlan.Refuse(NotPermitted(outOfReach));
            // Tasks keep their own access: the links of the ones the caller may edit move; the others still name the merged customer.
            var tasks = new List<TaskState>();
            foreach (var taskId in await care.LinkedTaskIdsAsync($"{Customer.StreamType}:{command.MergedId}", t))
            {
                if (await store.LoadAsync(WorkTask.Decider, taskId, t) is not { } task
                    || TaskReach.Check(taskId, task.State, caller, "task.edit", TeamNeed.ReadWrite) is not null) continue;
                tasks.Add(task.State);
                versions[taskId] = task.Version;
            }
            var guard = cascadeGuard.ForMerge(command.MergedId, contactIds,
                async (connection, tx, c) => !await care.HasDealsAsync(command.MergedId, connection, tx, c));
            return new MultiStreamPlan(Customer.Decide(command, survivor, merged, contacts, Context(request), tasks), versions, survivorVersion, guard);
        }, request, ct);

    private static DomainError HasDeals(Guid id) => DomainError.Conflict("merge_has_deals",
        $"Customer {id} has opportunities or contracts; a merge moves contacts and follow-ups only. Move or delete its deals first.", "mergedId");

    private static DomainError NotPermitted(int count) => DomainError.Forbidden("merge_not_permitted",
        $"{count} contact(s) of the customer to merge are outside your contact.edit reach; a merge would move them.", "mergedId");

    /// <summary>Reach on the stream's state first (a hidden record answers 404 whatever else is wrong), then If-Match, then the decider.</summary>
    private Task<CommandOutcome> Reached(Guid id, string permission, TeamNeed team, Caller caller, CommandRequest request,
        Func<CustomerState, long, CancellationToken, ValueTask<Decision>> decide, CancellationToken ct) =>
        handler.HandleAsync(Customer.Decider, id, async (state, version, t) =>
            CustomerReach.Check(id, state, caller, permission, team) is { } hidden ? hidden
            : request.ExpectedVersion is { } expected && version > 0 && expected != version ? CommandHandler.Stale(expected, version)
            : await decide(state, version, t), request with { ExpectedVersion = null }, ct);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}

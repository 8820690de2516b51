using Crm.Events.Org;
using Crm.Projections.Org;
using Npgsql;

namespace Crm.Write.Org;

/// <summary>A new department as the caller asks for it; the handler finds out whether the parent exists.</summary>
/// <param name="DepartmentId">Client-chosen id, or null for a fresh one.</param>
public sealed record AddDepartment(Guid? DepartmentId, string? Name, Guid? ParentId);

/// <summary>Put a department under another parent (null: the top level); the handler reads the parent's ancestry.</summary>
public sealed record MoveDepartmentUnder(Guid DepartmentId, Guid? ParentId);

/// <summary>Delete an empty department; the handler counts what is still in it.</summary>
public sealed record RemoveDepartment(Guid DepartmentId);

/// <summary>
/// The department commands (ORG-1): gather the facts of the tree, decide, append. A rule across
/// records (no cycle, nothing put into a department being deleted, "empty" still true at the
/// deletion) is guarded inside the append's transaction under the tree lock (<see cref="OrgCheck{TFacts}"/>).
/// Departments are org configuration: the permission checks are the route's; no data scope applies.
/// </summary>
public sealed class DepartmentHandler(CommandHandler handler, NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The Office department's id, the same in every installation (ORG-1).</summary>
    public static readonly Guid OfficeId = new("0190f1c0-0000-7000-8000-000000000001");

    public const string OfficeName = "Office";

    public Task<CommandOutcome> AddAsync(AddDepartment command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.DepartmentId ?? Guid.CreateVersion7();
        var parent = new OrgCheck<bool>(dataSource, (facts, t) => facts.DepartmentExistsAsync(command.ParentId, t), OrgLocks.Tree);
        return handler.CreateAsync(Department.Decider, id, async (state, t) =>
            Department.Decide(new CreateDepartment(id, command.Name, command.ParentId, await parent.ReadAsync(t)), state, CommandContexts.For(clock, request)),
            request, command.ParentId is null ? null : parent.Guard, ct);
    }

    public Task<CommandOutcome> RenameAsync(RenameDepartment command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(Department.Decider, command.DepartmentId,
            (state, _, _) => ValueTask.FromResult(Department.Decide(command, state, CommandContexts.For(clock, request))), request, ct);

    // Two moves of different departments (A under B, B under A) each pass the cycle check alone; under the
    // tree lock the second re-reads the ancestry, sees the first, and decides again (409 department_cycle).
    public Task<CommandOutcome> MoveAsync(MoveDepartmentUnder command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var ancestry = new OrgCheck<IReadOnlyList<Guid>?>(dataSource, (facts, t) =>
            command.ParentId is { } parent ? facts.DepartmentAncestryAsync(parent, t) : Task.FromResult<IReadOnlyList<Guid>?>(null), OrgLocks.Tree);
        return handler.HandleAsync(Department.Decider, command.DepartmentId, async (state, _, t) =>
            Department.Decide(new MoveDepartment(command.DepartmentId, command.ParentId, await ancestry.ReadAsync(t)), state,
                CommandContexts.For(clock, request)),
            request, ancestry.Guard, ct);
    }

    // "Empty" must still hold when the deletion commits: the tree lock keeps sub-departments and positions
    // out, the user-directory lock (taken by every user write) keeps users out.
    public Task<CommandOutcome> RemoveAsync(RemoveDepartment command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var contents = new OrgCheck<DepartmentContents>(dataSource, (facts, t) => facts.DepartmentContentsAsync(command.DepartmentId, t),
            OrgLocks.Tree, OrgLocks.Users);
        return handler.HandleAsync(Department.Decider, command.DepartmentId, async (state, _, t) =>
        {
            var (subDepartments, users, positions) = await contents.ReadAsync(t);
            return Department.Decide(new DeleteDepartment(command.DepartmentId, subDepartments, users, positions), state, CommandContexts.For(clock, request));
        }, request, contents.Guard, ct);
    }

    /// <summary>
    /// The default top-level department "Office" (办公室, ORG-1), created once at first start at its fixed
    /// id: when several hosts start at once exactly one create wins and the others find the id taken; once
    /// it exists (renamed, or even deleted when empty) it is never created again, because its stream exists.
    /// </summary>
    /// <returns>True when this call created it.</returns>
    public async Task<bool> EnsureOfficeAsync(CancellationToken ct)
    {
        var outcome = await handler.CreateAsync(Department.Decider, OfficeId, (state, _) =>
            ValueTask.FromResult(Department.Decide(new CreateDepartment(OfficeId, OfficeName, null, false), state, CommandContexts.System(clock))),
            new CommandRequest(), ct);
        return outcome.Error is null && outcome.Events.OfType<DepartmentCreated>().Any();
    }
}

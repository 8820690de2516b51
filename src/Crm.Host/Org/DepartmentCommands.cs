using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Org;
using Npgsql;

namespace Crm.Host.Org;

/// <summary>
/// Runs the department commands through the command pipeline, looking up what the decider needs from
/// the org tree. The lookups run inside the cycle, so a conflict retry decides on fresh facts.
/// </summary>
public sealed class DepartmentCommands(
    CommandHandler handler, DepartmentQueries queries, PositionQueries positions, NpgsqlDataSource dataSource, TimeProvider clock)
{
    // Under a parent, the tree lock keeps the parent from being deleted between the check and the append.
    public async Task<CommandOutcome> CreateAsync(Guid id, CreateDepartmentRequest body, CommandRequest request, CancellationToken ct)
    {
        await using var treeLock = body.ParentId is null ? null : await OrgTreeLock.AcquireAsync(dataSource, ct);
        return await handler.CreateAsync(Department.Decider, id, async (state, token) =>
        {
            var parentExists = body.ParentId is { } parent && await queries.GetAsync(parent, token) is not null;
            return Department.Decide(new CreateDepartment(id, body.Name, body.ParentId, parentExists), state, CommandRequests.Context(clock, request));
        }, request, ct);
    }

    // "Empty" must still hold when the deletion commits: the tree lock keeps sub-departments and
    // positions out, the user-directory lock (taken by every user write) keeps users out. Always in
    // this order (tree, then users); user writes never take the tree lock, so the two cannot deadlock.
    public async Task<CommandOutcome> DeleteAsync(Guid id, CommandRequest request, CancellationToken ct)
    {
        await using var treeLock = await OrgTreeLock.AcquireAsync(dataSource, ct);
        await using var usersLock = await UserDirectoryLock.AcquireAsync(dataSource, ct);
        return await handler.HandleAsync(Department.Decider, id, async (state, _, token) =>
        {
            var (subDepartments, users, positionCount) = await positions.DepartmentContentsAsync(id, token);
            return Department.Decide(new DeleteDepartment(id, subDepartments, users, positionCount), state, CommandRequests.Context(clock, request));
        }, request, ct);
    }

    public Task<CommandOutcome> RenameAsync(Guid id, UpdateDepartmentRequest body, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(Department.Decider, id,
            (state, _, _) => ValueTask.FromResult(Department.Decide(new RenameDepartment(id, body.Name), state, CommandRequests.Context(clock, request))),
            request, ct);

    // The ancestry comes from the read model; the tree lock keeps two concurrent moves from each
    // passing the cycle check and together closing a cycle.
    public async Task<CommandOutcome> MoveAsync(Guid id, MoveDepartmentRequest body, CommandRequest request, CancellationToken ct)
    {
        await using var treeLock = await OrgTreeLock.AcquireAsync(dataSource, ct);
        return await handler.HandleAsync(Department.Decider, id, async (state, _, token) =>
        {
            var ancestry = body.ParentId is { } parent ? await queries.AncestryAsync(parent, token) : null;
            return Department.Decide(new MoveDepartment(id, body.ParentId, ancestry), state, CommandRequests.Context(clock, request));
        }, request, ct);
    }
}

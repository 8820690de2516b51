using Crm.Host.Access;
using Npgsql;
using QueryScope = Crm.Projections.OwnerScope;

namespace Crm.Host.Leads;

/// <summary>How the lead endpoints apply the caller's data scope.</summary>
public static class LeadAccess
{
    /// <summary>The permission engine's answer as the read models' query scope.</summary>
    public static QueryScope ForQuery(this Write.Access.OwnerScope scope) => scope.IsAll ? QueryScope.Everyone : QueryScope.Only([.. scope.Owners]);

    /// <summary>
    /// Whether the caller may reach a lead with <paramref name="permission"/>: its owner inside the scope,
    /// or, for a lead in the pool (no owner), whoever may claim from the pool (or sees everyone).
    /// </summary>
    public static bool MayReachLead(this CallerAccess caller, Guid? ownerId, string permission) => ownerId is { } owner
        ? caller.VisibleOwners(permission).Includes(owner)
        : caller.VisibleOwners(permission).IsAll || caller.Can("lead.claim");
}

/// <summary>
/// Duplicate candidates shown to the caller: a duplicate owned by someone outside the caller's scope
/// still blocks the create (it is still a duplicate), but its id and name are not confirmed.
/// </summary>
public sealed class DuplicateVisibility(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<DuplicateCandidateView>> MaskAsync(IEnumerable<Write.Customers.DuplicateCandidate> candidates, CallerAccess caller, CancellationToken ct)
    {
        var list = candidates.ToList();
        if (list.Count == 0) return [];
        await using var cmd = dataSource.CreateCommand(
            "select id, owner_id from crm.customers where id = any(@ids) union all select id, owner_id from crm.leads where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. list.Select(c => c.Id)]));
        var owners = new Dictionary<Guid, Guid?>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) owners[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetGuid(1);
        }
        return list.Select(c =>
        {
            var owner = owners.GetValueOrDefault(c.Id);
            var visible = c.Kind == "lead"
                ? caller.MayReachLead(owner, "lead.detail")
                : owner is { } o ? caller.VisibleOwners("customer.detail").Includes(o) : caller.Can("pool.list");
            return visible ? new DuplicateCandidateView(c.Kind, c.Id, c.Name, c.MatchedOn, true) : new DuplicateCandidateView(c.Kind, null, null, c.MatchedOn, false);
        }).ToList();
    }

    /// <summary>Replaces the raw candidates of a duplicate refusal by what the caller may see of them.</summary>
    public async Task<Write.DomainError> MaskAsync(Write.DomainError error, CallerAccess caller, CancellationToken ct)
    {
        if (error.Code != Write.Customers.DuplicateCheck.Code || !error.Extensions.TryGetValue("candidates", out var raw)
            || raw is not IEnumerable<Write.Customers.DuplicateCandidate> candidates) return error;
        var masked = await MaskAsync(candidates, caller, ct);
        return error with { Extensions = new Dictionary<string, object>(error.Extensions) { ["candidates"] = masked } };
    }
}

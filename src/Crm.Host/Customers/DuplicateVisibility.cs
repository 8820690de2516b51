using Crm.Host.Access;
using Crm.Write;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Npgsql;

namespace Crm.Host.Customers;

/// <summary>A duplicate candidate as the caller may see it: one outside the caller's scope shows only what matched.</summary>
public sealed record DuplicateCandidateView(string Kind, Guid? Id, string? Name, IReadOnlyList<string> MatchedOn, bool Visible);

/// <summary>
/// The one masking rule for duplicate candidates, whatever is being created (customer, lead, a lead's
/// conversion): a duplicate the caller may not see still blocks the create (it is still a duplicate),
/// but neither its id nor its name is confirmed. One query for all candidates.
/// </summary>
public sealed class DuplicateVisibility(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<DuplicateCandidateView>> MaskAsync(IEnumerable<DuplicateCandidate> candidates, CallerAccess caller, CancellationToken ct)
    {
        var list = candidates.ToList();
        if (list.Count == 0) return [];
        await using var cmd = dataSource.CreateCommand(
            """
            select c.id, c.owner_id, exists (select 1 from crm.customer_team t where t.customer_id = c.id and t.user_id = @viewer)
              from crm.customers c where c.id = any(@ids)
            union all select l.id, l.owner_id, false from crm.leads l where l.id = any(@ids)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. list.Select(c => c.Id)]));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("viewer", caller.ActorId));
        var found = new Dictionary<Guid, (Guid? Owner, bool OnTeam)>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) found[reader.GetGuid(0)] = (reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetBoolean(2));
        }
        return list.Select(c =>
        {
            // A row not (yet, or no longer) in the read model cannot be checked: masked, never taken for a pool record.
            if (!found.TryGetValue(c.Id, out var row)) return new DuplicateCandidateView(c.Kind, null, null, c.MatchedOn, false);
            var (owner, onTeam) = row;
            var visible = c.Kind == "lead"
                ? LeadReach.Sees(caller, c.Id, owner)
                : onTeam || (owner is { } o ? caller.VisibleOwners("customer.detail").Includes(o) : caller.Can("pool.list"));
            return visible
                ? new DuplicateCandidateView(c.Kind, c.Id, c.Name, c.MatchedOn, true)
                : new DuplicateCandidateView(c.Kind, null, null, c.MatchedOn, false);
        }).ToList();
    }

    /// <summary>Replaces the raw candidates of a duplicate refusal by what the caller may see of them.</summary>
    public async Task<DomainError> MaskAsync(DomainError error, CallerAccess caller, CancellationToken ct)
    {
        if (error.Code != DuplicateCheck.Code || !error.Extensions.TryGetValue("candidates", out var raw)
            || raw is not IEnumerable<DuplicateCandidate> candidates) return error;
        var masked = await MaskAsync(candidates, caller, ct);
        return error with { Extensions = new Dictionary<string, object>(error.Extensions) { ["candidates"] = masked } };
    }
}

using Npgsql;

namespace Crm.Host.Org;

/// <summary>Which of the given role ids do not exist in org.roles (or were deleted): the one place user commands ask about roles.</summary>
public sealed class RoleLookup(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<Guid>> UnknownAsync(IReadOnlyList<Guid>? roleIds, CancellationToken ct)
    {
        if (roleIds is null || roleIds.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("select id from unnest(@ids) as ids(id) where not exists (select 1 from org.roles r where r.id = ids.id and not r.is_deleted)", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", roleIds.Distinct().ToArray()));
        var unknown = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) unknown.Add(reader.GetGuid(0));
        return unknown;
    }
}

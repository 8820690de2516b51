using Npgsql;
using Crm.Projections.Tables;

namespace Crm.Projections.Org;

/// <summary>
/// A record followed by its parent, the parent's parent, … to the top, in an org table whose rows point
/// up (departments to their parent, positions and users to their superior). The write side hands the
/// chain to a decider, which refuses a new parent already in it: that would close a cycle. The depth is
/// capped so a cycle already in the data cannot loop the query.
/// </summary>
internal static class ChainUp
{
    public const int MaxDepth = 1_000;

    /// <param name="table">An org read-model table (a constant of the caller, never input).</param>
    /// <param name="parentColumn">Its column pointing up (a constant of the caller, never input).</param>
    /// <returns>The chain starting with <paramref name="id"/>; null when it does not exist.</returns>
    public static async Task<IReadOnlyList<Guid>?> ReadAsync(NpgsqlDataSource dataSource, string table, string parentColumn, Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            with recursive up (id, parent, depth) as (
                select id, {parentColumn}, 0 from {table} where id = @id
                union all
                select t.id, t.{parentColumn}, up.depth + 1 from {table} t join up on t.id = up.parent where up.depth < @max
            )
            select id from up order by depth
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        cmd.Parameters.Add(new NpgsqlParameter<int>("max", MaxDepth));
        var chain = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) chain.Add(new RowReader(reader).Id("id"));
        return chain.Count == 0 ? null : chain;
    }
}

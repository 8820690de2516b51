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
    /// <returns>The statement reading the chain from @id (rows in order, empty when it does not exist).</returns>
    public static string Sql(string table, string parentColumn) =>
        $"""
        with recursive up (id, parent, depth) as (
            select id, {parentColumn}, 0 from {table} where id = @id
            union all
            select t.id, t.{parentColumn}, up.depth + 1 from {table} t join up on t.id = up.parent where up.depth < {MaxDepth}
        )
        select id from up order by depth
        """;
}

using Npgsql;

namespace Crm.EventStore.Daemon;

internal static class ProjectionStatusQuery
{
    /// <summary>Counting is capped: a health check must stay cheap however far behind a projection is.</summary>
    public const int BehindCap = 100_000;

    /// <summary>
    /// Only where each projection stands (no lag, no dead letters): what a wait for the projections polls, every 20 ms — the full
    /// status cost a millisecond of server time per poll, which a catch-up being measured paid for (ops/bench figures 8 and 9).
    /// </summary>
    public static async Task<IReadOnlyList<(string Name, string Status, GlobalPosition Checkpoint, string? LastError)>> PositionsAsync(
        NpgsqlDataSource dataSource, IEnumerable<string> names, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "select name, status, tx_id, seq_id, last_error from es.projection_checkpoints where name = any(@names)");
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("names", names.ToArray()));
        var list = new List<(string, string, GlobalPosition, string?)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetString(0), reader.GetString(1), new GlobalPosition(reader.GetFieldValue<ulong>(2), reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return list;
    }

    public static async Task<IReadOnlyList<ProjectionStatus>> ReadAsync(NpgsqlDataSource dataSource, IEnumerable<string> names, bool countBehind,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            -- A projection no daemon has started yet has no checkpoint row: it stands at the start.
            with c as (
                select n.name, coalesce(p.status, 'running') as status, coalesce(p.tx_id, '0') as tx_id, coalesce(p.seq_id, 0) as seq_id,
                       coalesce(p.events_processed, 0) as events_processed, p.last_error
                  from unnest(@names) as n(name) left join es.projection_checkpoints p on p.name = n.name)
            select c.name, c.status, c.tx_id, c.seq_id, c.events_processed, c.last_error,
                   case when @count then (select count(*) from (select 1 from es.events e
                        where (e.tx_id, e.seq_id) > (c.tx_id, c.seq_id) limit {BehindCap}) behind) else 0 end,
                   coalesce(extract(epoch from now() - (select e.created_at from es.events e
                        where (e.tx_id, e.seq_id) > (c.tx_id, c.seq_id) order by e.tx_id, e.seq_id limit 1)), 0)::float8,
                   (select count(*) from es.projection_dead_letters d where d.projection = c.name and d.resolved_at is null)
              from c
             order by c.name
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<bool>("count", countBehind));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("names", names.ToArray()));
        var list = new List<ProjectionStatus>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new ProjectionStatus(
                reader.GetString(0), reader.GetString(1),
                new GlobalPosition(reader.GetFieldValue<ulong>(2), reader.GetInt64(3)), reader.GetInt64(4),
                reader.GetInt64(6), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(7))), reader.GetInt64(8),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return list;
    }
}

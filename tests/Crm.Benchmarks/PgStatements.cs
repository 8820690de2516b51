using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// What PostgreSQL ran for a slice, from pg_stat_statements when the server preloads it (ops/bench --pg-stats):
/// statements per request and server time per request, the heaviest first. Silent when it is not loaded.
/// </summary>
public sealed class PgStatements(BenchDatabase db)
{
    private bool? available;

    public async Task ResetAsync()
    {
        if (available == false) return;
        try
        {
            await db.ExecuteAsync("create extension if not exists pg_stat_statements; select pg_stat_statements_reset();");
            available = true;
        }
        catch (PostgresException)
        {
            available = false; // not in shared_preload_libraries
        }
    }

    /// <summary>The statements of this database since the reset, per request of the slice.</summary>
    public async Task PrintAsync(string route, long requests, int top = 8)
    {
        if (available != true || requests == 0) return;
        await using var cmd = db.DataSource.CreateCommand(
            """
            select calls, total_exec_time, total_plan_time, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
              from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
               and query not like '%pg_stat_statements%'
             order by total_exec_time + total_plan_time desc
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(long Calls, double Exec, double Plan, string Query)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetString(3)));
        var calls = rows.Sum(r => r.Calls);
        var ms = rows.Sum(r => r.Exec + r.Plan);
        Console.WriteLine($"  pg_stat_statements, {route}: {calls / (double)requests:0.0} statements and {ms * 1000 / requests:0} µs of execution per request " +
                          "(warm-up included; a statement's own time, not its wait for the client)");
        foreach (var r in rows.Take(top))
            Console.WriteLine($"    {r.Calls / (double)requests,5:0.00}/req {(r.Exec + r.Plan) * 1000 / requests,7:0} µs/req (plan {r.Plan * 1000 / requests,4:0}, " +
                              $"{(r.Exec + r.Plan) * 1000 / Math.Max(1, r.Calls),5:0} µs/call)  {r.Query}");
    }
}

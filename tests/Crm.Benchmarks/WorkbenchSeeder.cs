using System.Diagnostics;
using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// crm.tasks rows for the workbench figure (--only workbench), written DIRECTLY as read-model rows by generate_series, not through the
/// event store: the figure is of the read side, and a million task streams through AppendAsync would take longer than the rest of the
/// run. Each measured user owns <see cref="OpenEach"/> open tasks (a fifth without a due date, the rest due from 20 days ago to 40 days
/// ahead) and <see cref="DoneEach"/> completed ones; every 200th task of the others has one of them as a participant. The other tasks
/// (60 % open, 35 % completed, 5 % archived; a fifth with a participant) are spread over <see cref="OtherOwners"/> owners. The table's
/// indexes are dropped while the rows go in and built again after (the same definitions), then the table is vacuumed and analyzed,
/// as autovacuum would have done long before a table of this size is queried.
/// </summary>
public sealed class WorkbenchSeeder(BenchDatabase db, Guid[] measured)
{
    public const int OpenEach = 5_000;
    public const int DoneEach = 1_000;
    private const int OtherOwners = 2_000;

    /// <summary>Seeds <paramref name="total"/> rows in all; answers the seconds it took, indexes and vacuum included.</summary>
    public async Task<double> SeedAsync(int total)
    {
        var clock = Stopwatch.StartNew();
        var indexes = new List<string>();
        await using (var cmd = db.DataSource.CreateCommand(
                         "select indexdef from pg_indexes where schemaname = 'crm' and tablename = 'tasks' and indexname <> 'tasks_pkey'"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) indexes.Add(reader.GetString(0));
        }
        await db.ExecuteAsync("truncate crm.tasks; " + string.Concat(indexes.Select(d => $"drop index crm.{IndexName(d)}; ")));
        var others = Enumerable.Range(0, OtherOwners).Select(_ => Guid.CreateVersion7()).ToArray();
        var mine = measured.Length * (OpenEach + DoneEach);
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            await using var insert = new NpgsqlCommand(InsertSql, connection) { CommandTimeout = 0 };
            insert.Parameters.Add(new NpgsqlParameter<Guid[]>("measured", measured));
            insert.Parameters.Add(new NpgsqlParameter<Guid[]>("others", others));
            insert.Parameters.Add(new NpgsqlParameter<int>("open", OpenEach));
            insert.Parameters.Add(new NpgsqlParameter<int>("each", OpenEach + DoneEach));
            insert.Parameters.Add(new NpgsqlParameter<int>("mine", mine));
            insert.Parameters.Add(new NpgsqlParameter<int>("total", Math.Max(total, mine)));
            await insert.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"  {Math.Max(total, mine):#,0} rows inserted in {clock.Elapsed.TotalSeconds:0.0} s");
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            await using var setup = new NpgsqlCommand("set maintenance_work_mem = '256MB'", connection);
            await setup.ExecuteNonQueryAsync();
            foreach (var definition in indexes)
            {
                await using var create = new NpgsqlCommand(definition, connection) { CommandTimeout = 0 };
                await create.ExecuteNonQueryAsync();
            }
        }
        Console.WriteLine($"  {indexes.Count} indexes built again after {clock.Elapsed.TotalSeconds:0.0} s");
        await db.ExecuteAsync("vacuum (analyze) crm.tasks");
        return clock.Elapsed.TotalSeconds;
    }

    private static string IndexName(string definition) => definition.Split(' ')[definition.StartsWith("CREATE UNIQUE", StringComparison.Ordinal) ? 3 : 2];

    // Row n (1-based): the measured users' own tasks first (each user a block of open then completed ones), then the others'. Ids sort
    // in row order (shaped as UUID v7s of one moment), as creation order would. Times are spread by n's hash, so no two neighbours match.
    private const string InsertSql =
        """
        insert into crm.tasks (id, name, owner_id, participant_ids, due_at, priority, status, completed_at, version, created_at, updated_at)
        select ('01930000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
               'Task ' || n,
               case when mine then @measured[1 + (n - 1) / @each] else @others[1 + n % array_length(@others, 1)] end,
               case when mine then '{}'::uuid[]
                    when n % 200 = 0 then array[@measured[1 + (n / 200) % array_length(@measured, 1)]]
                    when n % 5 = 0 then array[@others[1 + (n * 7) % array_length(@others, 1)]]
                    else '{}'::uuid[] end,
               case when h % 5 = 0 then null else now() + make_interval(secs => (h % 5184000) - 1728000) end,
               (array['high', 'medium', 'low', 'none'])[1 + h % 4],
               status,
               case when status = 'completed' then now() - make_interval(secs => h % 2592000) end,
               1, now() - interval '90 days', now() - make_interval(secs => h % 7776000)
        from (select n, mine, h,
                     case when mine then case when (n - 1) % @each < @open then 'open' else 'completed' end
                          when h % 20 < 12 then 'open' when h % 20 < 19 then 'completed' else 'archived' end as status
              from (select n, n <= @mine as mine, hashint4(n)::bigint & 2147483647 as h from generate_series(1, @total) n) s) s
        """;
}

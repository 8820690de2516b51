using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Tasks;

/// <summary>
/// The workbench (WORK-2): one user's tasks — owned or taken part in — by bucket (<see cref="WorkbenchBuckets"/>). Each bucket is a
/// range of one index: (owner_id, status, due_at, id) for the owner's tasks, the participants' GIN index for the others.
/// </summary>
public sealed class WorkbenchQueries(NpgsqlDataSource dataSource)
{
    // Two branches, each served by its own index, rather than one "owner or participant" (a BitmapOr that has to sort, or a scan in
    // id order the planner may pick for the inbox): the owner's tasks, and the tasks they take part in but do not own.
    private const string Owned = "t.owner_id = @me";
    private const string Taking = "t.participant_ids @> array[@me]::uuid[] and t.owner_id <> @me";

    private static string Condition(string bucket) => bucket switch
    {
        WorkbenchBuckets.Inbox => "t.status = 'open' and t.due_at is null",
        WorkbenchBuckets.Overdue => "t.status = 'open' and t.due_at < @now",
        WorkbenchBuckets.Today => "t.status = 'open' and t.due_at >= @now and t.due_at < @tomorrow",
        WorkbenchBuckets.Next => "t.status = 'open' and t.due_at >= @tomorrow and t.due_at < @later",
        WorkbenchBuckets.Later => "t.status = 'open' and t.due_at >= @later",
        WorkbenchBuckets.Done => "t.status = 'completed'",
        _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "Not a workbench bucket."),
    };

    // The inbox by id (UUID v7: creation order), the done ones latest first, the others soonest due first.
    private static (string Column, bool Descending, bool Time) Order(string bucket) => bucket switch
    {
        WorkbenchBuckets.Inbox => ("t.id", false, false),
        WorkbenchBuckets.Done => ("t.completed_at", true, true),
        _ => ("t.due_at", false, true),
    };

    /// <summary>How many of the user's tasks each bucket holds, at the bounds' now (<see cref="WorkbenchBuckets.At"/>: now in the user's zone).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(Guid me, WorkbenchBuckets.Bounds now, CancellationToken ct = default) =>
        (await ReadAsync(me, [], now, 0, null, ct)).Counts;

    /// <summary>One page of one bucket, keyset-paged in the bucket's order.</summary>
    public async Task<Page<TaskRow>> BucketAsync(Guid me, string bucket, WorkbenchBuckets.Bounds now, int limit, string? cursor,
        CancellationToken ct = default) =>
        (await ReadAsync(me, [bucket], now, limit, cursor, ct)).Pages[bucket];

    /// <summary>
    /// The counts and a page of each of <paramref name="buckets"/> (<paramref name="cursor"/> pages them, when one bucket is asked for) in
    /// one round trip: two statements, the counts and every page, each reading the user's participations once.
    /// </summary>
    public async Task<Workbench> ReadAsync(Guid me, IReadOnlyList<string> buckets, WorkbenchBuckets.Bounds now, int limit, string? cursor,
        CancellationToken ct = default)
    {
        var hasAfter = KeysetCursor.TryDecode(cursor, out var after);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(CountsSql, me, now));
        if (buckets.Count > 0)
        {
            var command = Command(PagesSql(buckets, limit, hasAfter), me, now);
            if (hasAfter)
            {
                command.Parameters.Add(new NpgsqlParameter<Guid>("afterId", after.Id));
                if (buckets.Any(b => Order(b).Time))
                    command.Parameters.Add(new NpgsqlParameter("afterValue", NpgsqlDbType.TimestampTz) { Value = Time(after.SortValue) });
            }
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var counts = WorkbenchBuckets.All.ToDictionary(b => b, b => reader.GetInt64(reader.GetOrdinal(b)));
        var rows = buckets.Select(_ => new List<TaskRow>(limit + 1)).ToArray();
        if (buckets.Count > 0 && await reader.NextResultAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows[reader.GetInt32(0)].Add(TaskSql.ReadListed(reader));
        }
        return new Workbench(counts, buckets.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => PageOf(x.b, rows[x.i], limit)));
    }

    private static string CountsSql => countsSql ??= Counts();

    private static string? countsSql;

    private static string Counts()
    {
        var counts = string.Join(", ", WorkbenchBuckets.All.Select(b => $"count(*) filter (where {Condition(b)}) as {b}"));
        var branches = string.Join(" union all ", new[] { Owned, Taking }.Select(who =>
            $"select t.status, t.due_at from crm.tasks t where {who} and t.status in ('open', 'completed')"));
        return $"select {counts} from ({branches}) t";
    }

    // Every page in one statement, each tagged with its place in the request and its rows' rank in it. The tasks taken part in are read
    // once, by the GIN index alone (a materialized CTE, each bucket's condition applied to it): prepared (the host auto-prepares), the
    // generic plan guesses 5,000 rows for "@> array[$1]", and a page asked on its own walked an index in the bucket's order filtering
    // participants — 13 to 25 ms a page among 1,000,000 tasks (issue 14's bench), more the fewer a user takes part in; with the
    // bucket's condition in the same scan it ANDed a partial index instead (55-70 ms). Sorting a user's participations is cheap.
    private static string PagesSql(IReadOnlyList<string> buckets, int limit, bool hasAfter)
    {
        var columns = string.Join(", ", TaskSql.ListColumns.Split(", ").Select(c => "t." + c));
        var taking = $"taking as materialized (select {columns} from crm.tasks t where {Taking} and t.status in ('open', 'completed'))";
        var pages = buckets.Select((bucket, i) =>
        {
            var (column, descending, time) = Order(bucket);
            var keyset = !hasAfter ? "" : time ? $"and ({column}, t.id) {(descending ? "<" : ">")} (@afterValue, @afterId)" : "and t.id > @afterId";
            var direction = descending ? "desc" : "asc";
            var by = $"order by {column} {direction}, t.id {direction}";
            var owned = $"(select {columns} from crm.tasks t where {Owned} and {Condition(bucket)} {keyset} {by} limit {limit + 1})";
            var theirs = $"(select * from taking t where {Condition(bucket)} {keyset} {by} limit {limit + 1})";
            return $"(select {i} as page, row_number() over ({by}) as rank, t.* from ({owned} union all {theirs}) t {by} limit {limit + 1})";
        });
        return $"with {taking} select * from ({string.Join(" union all ", pages)}) p order by page, rank";
    }

    private static Page<TaskRow> PageOf(string bucket, List<TaskRow> rows, int limit)
    {
        if (rows.Count <= limit) return new Page<TaskRow>(rows, null);
        rows.RemoveAt(limit);
        var last = rows[^1];
        var value = bucket == WorkbenchBuckets.Done ? last.CompletedAt : last.Fields.DueAt;
        return new Page<TaskRow>(rows, KeysetCursor.Encode(value?.ToString("O", CultureInfo.InvariantCulture) ?? "", last.Id));
    }

    private static NpgsqlBatchCommand Command(string sql, Guid me, WorkbenchBuckets.Bounds now)
    {
        var command = new NpgsqlBatchCommand(sql);
        Bind(command.Parameters, me, now);
        return command;
    }

    private static void Bind(NpgsqlParameterCollection p, Guid me, WorkbenchBuckets.Bounds b)
    {
        p.Add(new NpgsqlParameter<Guid>("me", me));
        p.Add(new NpgsqlParameter<DateTimeOffset>("now", b.Now));
        p.Add(new NpgsqlParameter<DateTimeOffset>("tomorrow", b.TomorrowStart));
        p.Add(new NpgsqlParameter<DateTimeOffset>("later", b.LaterStart));
    }

    // A cursor is opaque but not trusted: a forged time gives an odd page, never a server error.
    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime()
            : DateTimeOffset.MinValue;
}

/// <summary>A user's workbench as read at once: how many tasks each bucket holds, and the pages asked for.</summary>
public sealed record Workbench(IReadOnlyDictionary<string, long> Counts, IReadOnlyDictionary<string, Page<TaskRow>> Pages);

using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using Crm.Projections.Tables;

namespace Crm.Projections.Dashboard;

/// <summary>
/// crm.daily_counts, async (DASH-1 briefing): counters per UTC day and user. Counts are increments,
/// which is safe because the daemon moves the checkpoint in the same transaction as these writes
/// (exactly-once effect); a rebuild resets the table and replays.
/// </summary>
public sealed class DailyCountsProjection : IProjection
{
    public const int Columns = 7;

    public string Name => "crm.daily_counts";

    public IReadOnlyList<string> Tables { get; } = ["crm.daily_counts"];

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(LeadCreated), typeof(CustomerCreated), typeof(ContactCreated),
        typeof(LeadFollowedUp), typeof(CustomerFollowedUp), typeof(ContactFollowedUp),
        typeof(LeadConverted), typeof(CustomerRecycled), typeof(CustomerClaimed),
    ];

    /// <summary>Which user and which counter (0 new leads … 6 customers claimed) an event adds one to.</summary>
    public static (Guid? Owner, int Column) Classify(StoredEvent e) => e.Data switch
    {
        LeadCreated x => (x.OwnerId, 0),
        CustomerCreated x => (x.OwnerId, 1),
        ContactCreated x => (x.OwnerId, 2),
        LeadFollowedUp or CustomerFollowedUp or ContactFollowedUp => (e.Metadata.ActorId, 3),
        LeadConverted => (e.Metadata.ActorId, 4),
        CustomerRecycled x => (x.PreviousOwnerId, 5),
        CustomerClaimed x => (x.OwnerId, 6),
        _ => (null, -1),
    };

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        // Folded per (owner, day) first: a batch of 10,000 events becomes a few hundred upserted rows in one statement.
        var sums = new Dictionary<(Guid Owner, DateOnly Day), int[]>();
        foreach (var e in events)
        {
            var (owner, column) = Classify(e);
            if (owner is not { } o || column < 0) continue;
            var key = (o, DateOnly.FromDateTime(e.Timestamp.UtcDateTime));
            if (!sums.TryGetValue(key, out var counts)) sums[key] = counts = new int[Columns];
            counts[column]++;
        }
        if (sums.Count == 0) return;
        await using var cmd = context.CreateCommand(
            """
            insert into crm.daily_counts as d
                (owner_id, day, new_leads, new_customers, new_contacts, follow_ups, conversions, customers_recycled, customers_claimed)
            select * from unnest(@owners::uuid[], @days::date[], @c0::int[], @c1::int[], @c2::int[], @c3::int[], @c4::int[], @c5::int[], @c6::int[])
            on conflict (owner_id, day) do update set
                new_leads = d.new_leads + excluded.new_leads,
                new_customers = d.new_customers + excluded.new_customers,
                new_contacts = d.new_contacts + excluded.new_contacts,
                follow_ups = d.follow_ups + excluded.follow_ups,
                conversions = d.conversions + excluded.conversions,
                customers_recycled = d.customers_recycled + excluded.customers_recycled,
                customers_claimed = d.customers_claimed + excluded.customers_claimed
            """);
        var keys = sums.Keys.ToArray();
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("owners", keys.Select(k => k.Owner).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", keys.Select(k => k.Day).ToArray()));
        for (var c = 0; c < Columns; c++) cmd.Parameters.Add(new NpgsqlParameter<int[]>("c" + c, keys.Select(k => sums[k][c]).ToArray()));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.daily_counts");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>The briefing's sums over crm.daily_counts.</summary>
public sealed record BriefingCounts(
    long NewLeads, long NewCustomers, long NewContacts, long FollowUps, long Conversions, long CustomersRecycled, long CustomersClaimed);

/// <summary>One day of the briefing.</summary>
public sealed record BriefingDay(DateOnly Day, BriefingCounts Counts);

public sealed class BriefingQueries(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Per-day sums from <paramref name="from"/> to <paramref name="to"/> (inclusive) over the owners (null: everyone); days without
    /// events are left out.
    /// </summary>
    public async Task<IReadOnlyList<BriefingDay>> DaysAsync(DateOnly from, DateOnly to, Guid[]? owners, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            select day, sum(new_leads) as new_leads, sum(new_customers) as new_customers, sum(new_contacts) as new_contacts,
                   sum(follow_ups) as follow_ups, sum(conversions) as conversions, sum(customers_recycled) as customers_recycled,
                   sum(customers_claimed) as customers_claimed
            from crm.daily_counts
            where day between @from and @to and (@owners::uuid[] is null or owner_id = any(@owners))
            group by day order by day
            """);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("from", from));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("to", to));
        cmd.Parameters.Add(new NpgsqlParameter("owners", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid)
        {
            Value = (object?)owners ?? DBNull.Value,
        });
        var days = new List<BriefingDay>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            days.Add(new BriefingDay(r.Value<DateOnly>("day"), new BriefingCounts(r.Long("new_leads"), r.Long("new_customers"), r.Long("new_contacts"),
                r.Long("follow_ups"), r.Long("conversions"), r.Long("customers_recycled"), r.Long("customers_claimed"))));
        }
        return days;
    }

    /// <summary>The users of a department and of every department below it; null when the department does not exist.</summary>
    public async Task<Guid[]?> DepartmentUsersAsync(Guid departmentId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            with recursive sub(id, depth) as (
                select id, 0 from org.departments where id = @id
                union all select d.id, sub.depth + 1 from org.departments d join sub on d.parent_id = sub.id where sub.depth < 64)
            select (select count(*) from sub) > 0 as found,
                   coalesce((select array_agg(u.id) from org.users u where u.department_id in (select id from sub)), '{}') as user_ids
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", departmentId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var r = new RowReader(reader);
        return r.Flag("found") ? r.Value<Guid[]>("user_ids") : null;
    }
}

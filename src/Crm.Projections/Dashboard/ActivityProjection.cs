using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Dashboard;

/// <summary>
/// crm.dashboard_activity, async (DASH-1): what each user started or recorded, counted into UTC buckets of five grains so a period
/// of any time zone sums exactly (<see cref="BucketCover"/>). Counts are increments, which is safe because the daemon moves the
/// checkpoint in the same transaction as these writes; a rebuild resets the table and replays.
/// </summary>
public sealed class ActivityProjection : IProjection
{
    public const int Columns = 5;

    public string Name => "crm.dashboard_activity";

    public IReadOnlyList<string> Tables { get; } = ["crm.dashboard_activity"];

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(LeadCreated), typeof(CustomerCreated), typeof(ContactCreated), typeof(OpportunityCreated),
        typeof(LeadFollowedUp), typeof(CustomerFollowedUp), typeof(ContactFollowedUp), typeof(OpportunityFollowedUp),
    ];

    /// <summary>Which user and which counter (0 new leads, 1 customers, 2 contacts, 3 opportunities, 4 follow-ups) an event adds one to.</summary>
    public static (Guid? Owner, int Column) Classify(StoredEvent e) => e.Data switch
    {
        LeadCreated x => (x.OwnerId, 0),
        CustomerCreated x => (x.OwnerId, 1),
        ContactCreated x => (x.OwnerId, 2),
        OpportunityCreated x => (x.OwnerId, 3),
        LeadFollowedUp or CustomerFollowedUp or ContactFollowedUp or OpportunityFollowedUp => (e.Metadata.ActorId, 4),
        _ => (null, -1),
    };

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        // Folded per (grain, bucket, owner) first: a batch of thousands of events becomes a few hundred rows in one statement.
        var sums = new Dictionary<(char Grain, DateTimeOffset Bucket, Guid Owner), int[]>();
        foreach (var e in events)
        {
            var (owner, column) = Classify(e);
            if (owner is not { } o || o == Guid.Empty || column < 0) continue;
            foreach (var grain in BucketCover.Grains)
            {
                var key = (grain, BucketCover.BucketOf(grain, e.Timestamp), o);
                if (!sums.TryGetValue(key, out var counts)) sums[key] = counts = new int[Columns];
                counts[column]++;
            }
        }
        if (sums.Count == 0) return;
        await using var cmd = context.CreateCommand(
            """
            insert into crm.dashboard_activity as a (grain, bucket, owner_id, new_leads, new_customers, new_contacts, new_opportunities, follow_ups)
            select * from unnest(@grains::char(1)[], @buckets::timestamptz[], @owners::uuid[], @c0::int[], @c1::int[], @c2::int[], @c3::int[], @c4::int[])
            on conflict (grain, bucket, owner_id) do update set
                new_leads = a.new_leads + excluded.new_leads,
                new_customers = a.new_customers + excluded.new_customers,
                new_contacts = a.new_contacts + excluded.new_contacts,
                new_opportunities = a.new_opportunities + excluded.new_opportunities,
                follow_ups = a.follow_ups + excluded.follow_ups
            """);
        var keys = sums.Keys.ToArray();
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("grains", keys.Select(k => k.Grain.ToString()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("buckets", keys.Select(k => k.Bucket).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("owners", keys.Select(k => k.Owner).ToArray()));
        for (var c = 0; c < Columns; c++) cmd.Parameters.Add(new NpgsqlParameter<int[]>("c" + c, keys.Select(k => sums[k][c]).ToArray()));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.dashboard_activity");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

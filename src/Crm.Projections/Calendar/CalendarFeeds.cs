using Crm.Events.Calendar;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Calendar;

/// <summary>A user's calendar feed as the .ics route looks it up: the SHA-256 of its current token (hex), or null when revoked.</summary>
public sealed record CalendarFeedRow(Guid Id, Guid UserId, string? TokenHash, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The stream of a user's feed: one per user, its id named after the user's.</summary>
    public static Guid StreamOf(Guid userId) => NameBasedId.Of([.. "crm"u8, .. ".calendar-feed:"u8, .. userId.ToByteArray()]);

    public static CalendarFeedRow? Evolve(CalendarFeedRow? row, StoredEvent e) => e.Data switch
    {
        CalendarFeedIssued x => new CalendarFeedRow(e.StreamId, x.UserId, x.TokenHash, e.Version, row?.CreatedAt ?? e.Timestamp, e.Timestamp),
        CalendarFeedRevoked x => new CalendarFeedRow(e.StreamId, x.UserId, null, e.Version, row?.CreatedAt ?? e.Timestamp, e.Timestamp),
        _ => row,
    };
}

/// <summary>crm.calendar_feeds by column name.</summary>
internal sealed class CalendarFeedSql() : RowBinder<CalendarFeedRow>("id", "id", "user_id", "token_hash", "version", "created_at", "updated_at")
{
    public static readonly CalendarFeedSql Binder = new();

    public override CalendarFeedRow Read(RowReader r) =>
        new(r.Id("id"), r.Id("user_id"), r.TextOrNull("token_hash"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(CalendarFeedRow row, RowValues v) =>
        v.Set("id", row.Id).Set("user_id", row.UserId).Text("token_hash", row.TokenHash).Set("version", row.Version)
            .Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
}

/// <summary>crm.calendar_feeds, inline with the feed streams: which token hash opens whose feed.</summary>
public sealed class CalendarFeedsProjection() : TableProjection<CalendarFeedRow>("crm.calendar_feeds", CalendarFeedSql.Binder)
{
    public override string Name => "crm.calendar_feeds";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CalendarFeedIssued), typeof(CalendarFeedRevoked)];

    protected override CalendarFeedRow? Evolve(CalendarFeedRow? current, Guid key, StoredEvent e) => CalendarFeedRow.Evolve(current, e);
}

using Npgsql;

namespace Crm.Projections.Notifications;

/// <summary>
/// One kind of reminder the reminder job sends (payment plans, tasks due): it claims what is due at <paramref name="now"/> — marks it
/// reminded in its own table, in the caller's transaction, which also hands the notifications to the outbox — and answers the
/// notifications. What was due longer ago than <paramref name="grace"/> is not sent late.
/// </summary>
public interface IReminderSource
{
    Task<IReadOnlyList<NotificationDue>> ClaimAsync(NpgsqlTransaction tx, DateTimeOffset now, TimeSpan grace, int limit, CancellationToken ct);
}

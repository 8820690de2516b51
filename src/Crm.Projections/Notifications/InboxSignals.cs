using Npgsql;

namespace Crm.Projections.Notifications;

/// <summary>
/// What tells open notification streams (GET /api/notifications/stream, on any host) that a user's inbox changed: a PostgreSQL
/// NOTIFY on <see cref="Channel"/> whose payload is the user's id, followed by the new notification's id when one was written
/// (<see cref="NotificationWriter"/> sends that one in its insert's own statement, so it is heard only once the row is visible).
/// A payload is a hint, never trusted: a stream reads the row and checks it is its user's.
/// </summary>
public sealed class InboxSignals(NpgsqlDataSource dataSource)
{
    public const string Channel = "crm_inbox";

    /// <summary>One signal as a listener hears it.</summary>
    public readonly record struct Signal(Guid UserId, Guid? NotificationId);

    /// <summary>
    /// The user read something (one notification or all): streams send the new unread count. Best effort, after the read committed: a
    /// failure is swallowed (the streams read the count at their next beat), so a committed read is never answered as failed.
    /// </summary>
    public async Task ReadChangedAsync(Guid userId, CancellationToken ct = default)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand("select pg_notify(@channel, @payload)");
            cmd.Parameters.Add(new NpgsqlParameter<string>("channel", Channel));
            cmd.Parameters.Add(new NpgsqlParameter<string>("payload", userId.ToString()));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
        }
    }

    /// <summary>A payload as <see cref="NotificationWriter"/> or <see cref="ReadChangedAsync"/> sent it; null for anything else.</summary>
    public static Signal? Parse(string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length is < 1 or > 2 || !Guid.TryParse(parts[0], out var user)) return null;
        if (parts.Length == 1) return new Signal(user, null);
        return Guid.TryParse(parts[1], out var notification) ? new Signal(user, notification) : null;
    }

    /// <summary>
    /// Listens on one connection of its own until <paramref name="ct"/> is cancelled (returns) or the connection fails (throws:
    /// the caller listens again, and tells its streams they may have missed signals meanwhile).
    /// </summary>
    /// <param name="listening">Called once the LISTEN holds: from then on no signal is missed.</param>
    public async Task ListenAsync(Action<Signal> heard, Action listening, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        connection.Notification += (_, e) =>
        {
            if (e.Channel == Channel && Parse(e.Payload) is { } signal) heard(signal);
        };
        await using (var listen = new NpgsqlCommand($"listen {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
        listening();
        try
        {
            // A timeout now and then: a round trip shows the connection is still there (WaitAsync alone may wait forever on a dead one).
            while (!ct.IsCancellationRequested)
            {
                if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), ct))
                {
                    await using var ping = new NpgsqlCommand("select 1", connection);
                    await ping.ExecuteNonQueryAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            // The pool keeps session state (no reset on close): a connection that goes back must not stay listening.
            try
            {
                await using var unlisten = new NpgsqlCommand("unlisten *", connection);
                if (connection.State == System.Data.ConnectionState.Open) await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
            }
        }
    }
}

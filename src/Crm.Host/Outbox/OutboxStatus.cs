using Npgsql;

namespace Crm.Host.Outbox;

/// <summary>What Wolverine's inbox holds: messages waiting for a handler (now due) and dead letters.</summary>
public sealed class OutboxStatus(NpgsqlDataSource dataSource)
{
    public sealed record Counts(long Pending, long DeadLetters, string? LastDeadLetter);

    public async Task<Counts> ReadAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select (select count(*) from {OutboxSetup.Schema}.wolverine_incoming_envelopes
                     where status = 'Incoming' or (status = 'Scheduled' and execution_time <= now())),
                   (select count(*) from {OutboxSetup.Schema}.wolverine_dead_letters),
                   (select exception_message from {OutboxSetup.Schema}.wolverine_dead_letters order by sent_at desc nulls last limit 1)
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Counts(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>A message Wolverine gave up on.</summary>
    public sealed record DeadLetter(Guid Id, string MessageType, string? ExceptionType, string? ExceptionMessage, DateTimeOffset? SentAt);

    /// <summary>The newest dead letters first (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int limit, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select id, message_type, exception_type, exception_message, sent_at from {OutboxSetup.Schema}.wolverine_dead_letters
             order by sent_at desc nulls last, id limit @limit
            """);
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var letters = new List<DeadLetter>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            letters.Add(new DeadLetter(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4)));
        }
        return letters;
    }

    /// <summary>Waits until no message is waiting for a handler (the test helper, after the daemon caught up); throws on a dead letter.</summary>
    public async Task WaitForDrainAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        Counts counts;
        try
        {
            while ((counts = await ReadAsync(deadline.Token)).Pending > 0 || counts.DeadLetters > 0)
            {
                if (counts.DeadLetters > 0) throw new InvalidOperationException($"Outbox dead letter: {counts.LastDeadLetter}");
                await Task.Delay(10, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Wolverine's inbox did not drain within {timeout}: {await PendingAsync(ct)}");
        }
    }

    /// <summary>The waiting messages by queue, status and owning node (a diagnostic).</summary>
    private async Task<string> PendingAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select string_agg(format('%s %s owner %s: %s', received_at, status, owner_id, n), '; ')
              from (select received_at, status, owner_id, count(*) n from {OutboxSetup.Schema}.wolverine_incoming_envelopes
                     where status <> 'Handled' group by 1, 2, 3) p
            """);
        return await cmd.ExecuteScalarAsync(ct) as string ?? "none";
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Crm.Projections.Notifications;

namespace Crm.Host.Notifications;

/// <summary>
/// This host's open notification streams and the one connection that listens for them (<see cref="InboxSignals"/>): started by the
/// first stream, kept while the host runs; a lost connection is listened again after a pause, and every stream is told it may have
/// missed something (a null signal: it sends the unread count again).
/// </summary>
public sealed class InboxHub(InboxSignals signals, ILogger<InboxHub> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<Guid?>, byte>> streams = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? loop;

    /// <summary>A stream's subscription to its user's signals: a notification id, or null for "read the unread count again".</summary>
    public sealed class Subscription(InboxHub hub, Guid userId, Channel<Guid?> channel) : IDisposable
    {
        public ChannelReader<Guid?> Signals => channel.Reader;

        public void Dispose()
        {
            if (hub.streams.TryGetValue(userId, out var mine)) mine.TryRemove(channel, out _);
        }
    }

    /// <summary>
    /// Subscribes a stream; returns once this host listens, so nothing written after it is missed — or after a few seconds without a
    /// listening connection (the database away): the stream then reads the count on its own beat until the listener is back.
    /// </summary>
    public async Task<Subscription> SubscribeAsync(Guid userId, CancellationToken ct)
    {
        // A reader 256 signals behind loses the oldest ones (their notifications stay in the list; the count is read at the next one).
        var channel = Channel.CreateBounded<Guid?>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        streams.GetOrAdd(userId, _ => new()).TryAdd(channel, 0);
        lock (stopping)
        {
            loop ??= Task.Run(ListenAsync);
        }
        var subscription = new Subscription(this, userId, channel);
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
        }
        catch (TimeoutException)
        {
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
        return subscription;
    }

    private async Task ListenAsync()
    {
        pause = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await signals.ListenAsync(Deliver, Listening, stopping.Token);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning(e, "The notification streams' listener lost its connection; listening again in {Pause}", pause);
                lost = true;
                try { await Task.Delay(pause, stopping.Token); } catch (OperationCanceledException) { return; }
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private bool lost;
    private TimeSpan pause;

    /// <summary>The LISTEN holds (again): after a loss, every stream reads its count afresh — what came meanwhile was not heard.</summary>
    private void Listening()
    {
        listening.TrySetResult();
        pause = TimeSpan.FromSeconds(1);
        if (!lost) return;
        lost = false;
        foreach (var user in streams.Values) foreach (var channel in user.Keys) channel.Writer.TryWrite(null);
    }

    private void Deliver(InboxSignals.Signal signal)
    {
        if (!streams.TryGetValue(signal.UserId, out var mine)) return;
        foreach (var channel in mine.Keys) channel.Writer.TryWrite(signal.NotificationId);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null) await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }
}

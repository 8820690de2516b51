using Npgsql;
using Polly;
using Polly.Retry;

namespace Crm.Host.Platform;

/// <summary>
/// Retries for database work that is safe to repeat: reads, and start-up migrations (one transaction,
/// idempotent). Writes are not retried on transient errors here: a commit whose acknowledgement was
/// lost would be appended twice. The command cycle retries its own conflicts (see CommandHandler).
/// </summary>
public sealed class DatabaseRetry
{
    /// <summary>
    /// A read inside a request. Within a GET or HEAD the whole request is already retried (<see cref="Requests"/>), so a
    /// read there runs once and leaves the retry to the request; elsewhere (writes' fact reads, background work) it retries itself.
    /// </summary>
    public ResiliencePipeline Reads { get; } = Build(attempts: 3, unlessRequestRetries: true);

    /// <summary>A whole read request (<see cref="ReadRetries"/>): the one retry its reads share, instead of one nested in another.</summary>
    public ResiliencePipeline Requests { get; } = Build(attempts: 3);

    private static readonly AsyncLocal<bool> RequestRetrying = new();

    /// <summary>Marks the current flow as retried by <see cref="Requests"/>.</summary>
    internal static void MarkRequestRetrying() => RequestRetrying.Value = true;

    /// <summary>Reads of a record a command has just committed: tried longer, since failing them would answer a done write as failed.</summary>
    public ResiliencePipeline ReadBacks { get; } = Build(attempts: 6);

    /// <summary>Whether a fault means the database is unreachable or briefly refusing work (not a bug): safe to retry, or to answer 503.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        ReadRetries.AnswerStarted => false,
        NpgsqlException { IsTransient: true } => true,
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal),
        _ => e.InnerException is { } inner && IsTransient(inner),
    };

    private static ResiliencePipeline Build(int attempts, bool unlessRequestRetries = false) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => IsTransient(e) && !(unlessRequestRetries && RequestRetrying.Value)),
            MaxRetryAttempts = attempts,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}

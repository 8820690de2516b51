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
    public ResiliencePipeline Reads { get; } = Build(attempts: 3);

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

    private static ResiliencePipeline Build(int attempts) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = attempts,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}

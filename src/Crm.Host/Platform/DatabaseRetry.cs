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
    public ResiliencePipeline Reads { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}

using Crm.EventStore;
using Crm.Write;

namespace Crm.Host.Platform;

public static class CommandRequests
{
    /// <summary>The transport's part of a command: ids for the audit trail, the retry key, the client's version.</summary>
    public static CommandRequest For(HttpContext context, object? body, string? idempotencyKey = null, long? expectedVersion = null)
    {
        var ids = context.GetRequestIds();
        return new CommandRequest
        {
            // ActorId stays empty until sign-in arrives (next issue).
            Metadata = new EventMetadata(ActorId: null, CorrelationId: ids.CorrelationId, CausationId: ids.RequestId, RequestId: ids.RequestId),
            IdempotencyKey = idempotencyKey,
            RequestHash = idempotencyKey is null ? null : Idempotency.RequestHash(context.Request, body),
            ExpectedVersion = expectedVersion,
        };
    }

    public static CommandContext Context(TimeProvider clock) => new(ActorId: null, clock.GetUtcNow());
}

using Crm.EventStore;
using Crm.Host.Auth;
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
            // The signed-in user (null only for anonymous calls and system actions such as the first start).
            Metadata = new EventMetadata(ActorId: CurrentUser.IdOf(context.User), CorrelationId: ids.CorrelationId, CausationId: ids.RequestId, RequestId: ids.RequestId),
            IdempotencyKey = idempotencyKey,
            RequestHash = idempotencyKey is null ? null : Idempotency.RequestHash(context.Request, body),
            ExpectedVersion = expectedVersion,
        };
    }

    /// <summary>What the decider may know: the acting user (from the request's metadata) and the time.</summary>
    public static CommandContext Context(TimeProvider clock, CommandRequest request) => new(request.Metadata.ActorId, clock.GetUtcNow());

    /// <summary>A system action's context (no acting user).</summary>
    public static CommandContext Context(TimeProvider clock) => new(ActorId: null, clock.GetUtcNow());
}

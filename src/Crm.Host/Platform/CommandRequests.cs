using Crm.EventStore;
using Crm.Host.Auth;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Platform;

public static class CommandRequests
{
    /// <summary>The transport's part of a command: ids for the audit trail, the retry key, the client's version.</summary>
    public static CommandRequest For(HttpContext context, object? body, string? idempotencyKey = null, long? expectedVersion = null)
    {
        var ids = context.GetRequestIds();
        // The signed-in user (null only for anonymous calls and system actions such as the first start).
        var actorId = CurrentUser.IdOf(context.User);
        return new CommandRequest
        {
            Metadata = new EventMetadata(ActorId: actorId, CorrelationId: ids.CorrelationId, CausationId: ids.RequestId, RequestId: ids.RequestId),
            IdempotencyKey = idempotencyKey is null ? null : Idempotency.CallerKey(actorId, idempotencyKey),
            RequestHash = idempotencyKey is null ? null : Idempotency.RequestHash(context.Request, body),
            ExpectedVersion = expectedVersion,
        };
    }

    /// <summary>
    /// Reads a write's headers into its command request: If-Match (a stale one is answered 412 later) and
    /// Idempotency-Key (a retry answers the first result). Null when both are usable; otherwise the 400
    /// naming the header.
    /// </summary>
    public static ProblemHttpResult? Read(HttpContext http, object? body, string? ifMatch, string? idempotencyKey, out CommandRequest request)
    {
        request = new CommandRequest();
        if (!Preconditions.TryParseIfMatch(ifMatch, out var expected)) return BadIfMatch();
        if (!Idempotency.IsUsableKey(idempotencyKey)) return BadIdempotencyKey();
        request = For(http, body, idempotencyKey, expected);
        return null;
    }

    public static ProblemHttpResult BadIfMatch() =>
        DomainProblems.Invalid(Preconditions.IfMatchHeader, "if_match_invalid", "Send one ETag exactly as a read returned it, e.g. \"3\".");

    public static ProblemHttpResult BadIdempotencyKey() =>
        DomainProblems.Invalid(Idempotency.Header, "idempotency_key_invalid",
            "An Idempotency-Key is 1 to 200 printable characters without surrounding spaces.");
}

using System.Text.Json.Nodes;

namespace Crm.Host.Audit;

/// <summary>One event of the global feed.</summary>
/// <param name="Position">Where it is in the feed ("transaction-sequence", hexadecimal): pass the last one you processed as ?after=.</param>
/// <param name="Version">Its stream's version after it (1 for the event that started the stream).</param>
/// <param name="Type">Its stored name (e.g. "customer.created"): a contract, never renamed.</param>
/// <param name="SchemaVersion">The version of its data's shape as stored (shapes change only with a new version).</param>
/// <param name="Data">The event's data as stored, secrets (password hashes) replaced by "[redacted]"; empty when withheld.</param>
/// <param name="DataWithheld">
/// true: this server cannot vouch for what the data holds (a type or schema version newer than its build, or an older shape of an
/// event with secrets): data is empty. Read it again from a server of the newest build.
/// </param>
/// <param name="Timestamp">When its transaction wrote it.</param>
public sealed record FeedEvent(
    string Position, Guid EventId, Guid StreamId, long Version, string Type, int SchemaVersion, JsonObject Data, bool DataWithheld,
    FeedEventMetadata Metadata, DateTimeOffset Timestamp);

/// <summary>Who caused the event and in which request.</summary>
/// <param name="ActorId">The signed-in user whose request wrote it; null for the system (recycling, migrations).</param>
/// <param name="RequestId">The request's id (its X-Request-Id), also in the server's logs.</param>
public sealed record FeedEventMetadata(Guid? ActorId, string? CorrelationId, string? CausationId, string? RequestId);

/// <summary>A page of the feed.</summary>
/// <param name="Next">The position to resume from (?after=): the last item's, or the one asked for when the page is empty.</param>
/// <param name="HasMore">true when more events were there already: ask again at once; false: poll later.</param>
public sealed record FeedEventPage(IReadOnlyList<FeedEvent> Items, string Next, bool HasMore);

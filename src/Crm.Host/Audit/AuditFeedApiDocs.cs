using Crm.Host.Platform;

namespace Crm.Host.Audit;

/// <summary>What the OpenAPI document says about the audit feed, beside the route.</summary>
internal static class AuditFeedApiDocs
{
    public static readonly ApiDoc Feed = new(
        "The global event feed, in order, resumable",
        "Every event of every record, in the order of the log (the order projections apply them), as stored: type, schema version, "
        + "data and who caused it. Read a page, process it, and ask again with ?after= the page's next; an empty page (hasMore false) "
        + "means you are caught up: poll. A position is never skipped: an event that commits after you read past its neighbours comes "
        + "later in the feed, not behind you. Secrets such as password hashes read \"[redacted]\"; an event this server cannot vouch for "
        + "(newer than its build) comes with dataWithheld true and empty data. The feed spans every record whatever "
        + "the data scope: grant audit.feed to auditors and integrations only.")
    {
        Response = """
            {"items":[{"position":"2f1a-4c2","eventId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d10","streamId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11",
             "version":1,"type":"customer.created","schemaVersion":1,"data":{"customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11",
             "fields":{"name":"Acme"},"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d12","leadId":null,"at":"2026-12-02T10:15:00+00:00"},"dataWithheld":false,
             "metadata":{"actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d12","correlationId":null,"causationId":null,"requestId":"0HN8…"},
             "timestamp":"2026-12-02T10:15:00.123+00:00"}],"next":"2f1a-4c2","hasMore":false}
            """,
        Problems = [400],
    };
}

using Crm.Host.Platform;

namespace Crm.Host.Daemon;

/// <summary>What the OpenAPI document says about the read models' administration, beside the route table.</summary>
internal static class ProjectionAdminApiDocs
{
    private const string State =
        """
        {"name":"crm.funnel","kind":"async","status":"running","checkpoint":"2f1a-4c2","eventsProcessed":182345,"eventsBehind":0,"secondsBehind":0,
         "openDeadLetters":0,"lastError":null}
        """;

    public static readonly ApiDoc List = new(
        "The read models: state, lag and dead letters",
        "Every read model. kind async: kept by the projection daemon, with its checkpoint, lag and dead letters; status is running, "
        + "rebuild_requested, rebuilding or failed (stopped on an error it will not skip: /health/ready is unhealthy then). kind inline: "
        + "written by each command in its own transaction, never behind (checkpoint 0-0, no dead letters); its status is its last "
        + "rebuild's (failed leaves the old tables serving, /health/ready degraded) and eventsProcessed that rebuild's count. lastError and "
        + "the dead letters' errors may quote record data: grant projection.list to administrators only. ?name= answers that read "
        + "model only (404 when there is none of that name).")
    {
        Response = $$"""{"items":[{{State}}]}""",
        Problems = [404],
    };

    public static readonly ApiDoc DeadLetters = new(
        "A read model's dead letters",
        "Events the read model gave up on after its retries (the checkpoint moved past them), oldest first, at most 1,000. A rebuild "
        + "applies each again in its place in the order: resolvedAt is set when it then applied. ?resolved=true lists those too. "
        + "?projection= is required.")
    {
        Response = """
            {"items":[{"position":"2f0e-4a1","eventId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d10","streamId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11",
             "eventType":"crm.contract.signed","attempts":3,"error":"value too long for type character varying(20)",
             "failedAt":"2026-12-02T10:15:00Z","resolvedAt":null}]}
            """,
        Problems = [400, 404],
    };

    public static readonly ApiDoc Rebuild = new(
        "Rebuild a read model from the events",
        "Asks for the read model to be rebuilt from every event; answers at once with 202, the state, and a Location to follow it "
        + "(status rebuild_requested, rebuilding, running, or failed). A rebuild already asked for or under way is not started again. "
        + "Either kind is built blue/green: new tables beside the live ones, swapped in at once when caught up, so readers never see it "
        + "empty or half-built. An async one is built by its leader (in whichever host leads it) while its live tables stand still "
        + "(they fall behind until the swap); an inline one by any host's daemon while commands go on writing the live tables. The same "
        + "from a shell: ops/rebuild NAME.")
    {
        Request = """{"projection":"crm.funnel"}""",
        Response = State.Replace("\"running\"", "\"rebuild_requested\"", StringComparison.Ordinal),
        Status = StatusCodes.Status202Accepted,
        Problems = [400, 404],
    };

    public static readonly ApiDoc Replay = new(
        "Replay the dead letters",
        "Rebuilds every read model that has open dead letters: each dead-lettered event is applied again in its place in the order (the "
        + "only replay that keeps a read model which folds events right). Those that now apply are resolved; those that fail again are "
        + "dead letters again. The same from a shell: ops/rebuild --replay-dead-letters.")
    {
        Response = $$"""{"rebuilding":[{{State.Replace("\"running\"", "\"rebuild_requested\"", StringComparison.Ordinal)}}]}""",
        Status = StatusCodes.Status202Accepted,
    };
}

using Crm.Host.Platform;

namespace Crm.Host.Org;

/// <summary>What the OpenAPI document says about each position operation (ORG-2), beside the route table.</summary>
internal static class PositionApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31","name":"Sales manager","departmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11",
        "superiorPositionId":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
        """;

    private const string HistoryExample = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31","items":[
          {"version":1,"at":"2026-03-01T09:00:00+00:00","action":"created","eventType":"position.created",
          "actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":"7f3c","changes":[{"field":"name","old":null,"new":"Sales manager"}]}]}
        """;

    public static readonly ApiDoc List = new("List positions by name, optionally of one department",
        "Keyset paging: pass nextCursor back as ?cursor= for the next page. ?departmentId= lists one department's positions.")
    { Response = $$"""{"items":[{{Example}}],"nextCursor":null}""", Problems = [400] };

    public static readonly ApiDoc Get = new("Read a position, now or as it was",
        "ETag is the position's version. ?version=n or ?asOf=<ISO 8601> show it as it was then (time travel). A deleted position is 404 now but "
        + "readable at earlier versions.")
    { Response = Example, Problems = [400, 404] };

    public static readonly ApiDoc History = new("A position's operation log",
        "One entry per change, oldest first: version, time, action, actor, request id, and each changed field's old and new value.")
    { Response = HistoryExample, Problems = [404] };

    public static readonly ApiDoc Create = new("Add a position to a department",
        "departmentId must name an existing department (422 otherwise); superiorPositionId, when given, an existing position. With "
        + "Idempotency-Key, a retry answers the first response and writes nothing.")
    {
        Request = """{"name":"Sales manager","departmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11","superiorPositionId":null}""",
        Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 409, 422],
    };

    public static readonly ApiDoc Update = new("Rename a position or move it to another department",
        "Only the fields sent change. Send If-Match with the ETag you read: a 412 means someone changed it since.")
    { Request = """{"name":"Regional sales manager"}""", Response = Example, Problems = [400, 404, 412, 422] };

    public static readonly ApiDoc SetSuperior = new("Give a position another superior position, or none",
        "superiorPositionId null removes the superior. Reporting to itself or to a position under it is a 409 (position_cycle).")
    { Request = """{"superiorPositionId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d32"}""", Response = Example, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc InsertSuperior = new("Insert a new superior position above a position",
        "Creates a position that reports to the position's current superior (if any) and makes the position report to it, in one "
        + "transaction. Answers the new position (201). If-Match applies to the existing position. With Idempotency-Key, a retry answers "
        + "the first new position and writes nothing.")
    { Request = """{"name":"Team lead"}""", Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc Delete = new("Delete a position nobody holds",
        "409 position_in_use while a user holds it; 409 position_has_subordinates while positions report to it. Its history stays readable.")
    { Problems = [400, 404, 409, 412] };
}

using Crm.Host.Platform;

namespace Crm.Host.Org;

/// <summary>What the OpenAPI document says about each department operation (ORG-1), beside the route table.</summary>
internal static class DepartmentApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11","name":"Sales","parentId":null,"version":2,
        "createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-02T10:30:00+00:00"}
        """;

    private const string HistoryExample = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11","items":[
          {"version":1,"at":"2026-03-01T09:00:00+00:00","action":"created","eventType":"department.created","actorId":null,"requestId":"7f3c",
           "changes":[{"field":"name","old":null,"new":"Sales"}]},
          {"version":2,"at":"2026-03-02T10:30:00+00:00","action":"renamed","eventType":"department.renamed","actorId":null,"requestId":"81aa",
           "changes":[{"field":"name","old":"Sales","new":"Revenue"}]}]}
        """;

    public static readonly ApiDoc List = new("List departments by name, a page at a time",
        "Keyset paging: pass nextCursor back as ?cursor= for the next page. Filter with parentId (direct sub-departments) or topLevel=true.")
    { Response = $$"""{"items":[{{Example}}],"nextCursor":null}""", Problems = [400] };

    public static readonly ApiDoc Get = new("Read a department, now or as it was",
        "ETag is the department's version. ?version=n or ?asOf=<ISO 8601> show it as it was then (time travel).")
    { Response = Example, Problems = [400, 404] };

    public static readonly ApiDoc History = new("A department's operation log",
        "One entry per change, oldest first: version, time, action, actor, request id, and each changed field's old and new value.")
    { Response = HistoryExample, Problems = [400, 404] };

    public static readonly ApiDoc Create = new("Create a department",
        "The server picks a UUID v7 id unless the body has one. With Idempotency-Key, a retry answers the first response and writes nothing; "
        + "the same key with another body is a 422.")
    { Request = """{"name":"Sales","parentId":null}""", Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 409, 422] };

    public static readonly ApiDoc Update = new("Rename a department",
        "Send If-Match with the ETag you read: a 412 means someone changed it since. Renaming to the current name changes nothing.")
    { Request = """{"name":"Revenue"}""", Response = Example, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc Move = new("Put a department under another parent, or at the top level",
        "parentId null moves it to the top level. A move under itself or one of its own sub-departments is a 409 (department_cycle).")
    { Request = """{"parentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d00"}""", Response = Example, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc Delete = new("Delete an empty department",
        "Only a department without sub-departments, users (enabled or disabled) and positions can be deleted; otherwise 409 "
        + "department_not_empty saying what is left. The default Office department follows the same rule. Its history stays readable.")
    { Problems = [400, 404, 409, 412] };
}

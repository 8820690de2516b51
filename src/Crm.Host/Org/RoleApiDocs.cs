using Crm.Host.Platform;

namespace Crm.Host.Org;

/// <summary>What the OpenAPI document says about each role operation (ORG-4), beside the route table.</summary>
internal static class RoleApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Sales rep","description":"Front-line sales",
        "permissions":["customer.create","customer.list","pool.claim"],"dataScope":"self_and_subordinates","isDeleted":false,"version":2,
        "createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-02T10:30:00+00:00"}
        """;

    private const string RequestExample = """
        {"name":"Sales rep","description":"Front-line sales","permissions":["customer.create","customer.list","pool.claim"],"dataScope":"self_and_subordinates"}
        """;

    private const string HistoryExample = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","items":[
          {"version":2,"at":"2026-03-02T10:30:00+00:00","action":"permissions-changed","eventType":"role.permissions-changed",
          "actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":"81aa","changes":[
            {"field":"permissions","old":"customer.create,customer.list","new":"customer.create,customer.list,pool.claim"},
            {"field":"granted","old":null,"new":"pool.claim"},{"field":"revoked","old":null,"new":""}]}]}
        """;

    public static readonly ApiDoc List = new("List roles by name, a page at a time",
        "Deleted roles are left out. Keyset paging: pass nextCursor back as ?cursor= for the next page.")
    { Response = $$"""{"items":[{{Example}}],"nextCursor":null}""", Problems = [400] };

    public static readonly ApiDoc Get = new("Read a role, now or as it was",
        "ETag is the role's version. ?version=n or ?asOf=<ISO 8601> show it as it was then. A deleted role still reads, with isDeleted true.")
    { Response = Example, Problems = [400, 404] };

    public static readonly ApiDoc History = new("A role's operation log: who granted what, when",
        "One entry per change, oldest first: version, time, action, actor, request id, and each changed field's old and new value; permission "
        + "changes also list what was granted and revoked.")
    { Response = HistoryExample, Problems = [404] };

    public static readonly ApiDoc Create = new("Create a role",
        "Permissions are catalogue names (GET /api/permissions); an unknown one is a 400 naming 'permissions'. Nobody but a super"
        + " administrator creates a role carrying a permission they do not hold at its data scope or wider (403 "
        + "beyond_your_rights). The name must be unique among live roles (409 role_name_taken). With Idempotency-Key, a retry "
        + "answers the first response and writes nothing.")
    { Request = RequestExample, Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 409, 422] };

    public static readonly ApiDoc Update = new("Change a role's name, description, permissions or data scope",
        "Only the fields sent change; each change is its own event naming the old and new value. Nobody but a super administrator"
        + " edits a role they hold (403 own_role_locked), or changes the permissions or scope of a role that carries, or would "
        + "carry, rights beyond their own (403 beyond_your_rights). permissions replaces the whole set. Send If-Match with the ETag"
        + " you read: a 412 means someone changed it since.")
    {
        Request = """{"permissions":["customer.create","customer.list","customer.transfer"],"dataScope":"department"}""",
        Response = Example, Problems = [400, 404, 409, 412],
    };

    public static readonly ApiDoc Delete = new("Delete a role nobody holds",
        "Refused with 409 role_in_use while any user (enabled or disabled) holds it: take it away from them first, so every revocation is its "
        + "own audited event. A deleted role keeps its history and still reads with isDeleted true.")
    { Response = Example, Problems = [404, 409, 400, 412] };
}

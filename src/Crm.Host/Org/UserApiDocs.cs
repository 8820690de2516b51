using Crm.Host.Platform;

namespace Crm.Host.Org;

/// <summary>What the OpenAPI document says about each user operation (ORG-5), beside the route tables.</summary>
internal static class UserApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","mobile":"13800000001","displayName":"Li Na","gender":"female","email":"li.na@example.com",
         "departmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11","positionId":null,"superiorId":null,"roleIds":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31"],
         "isSuperAdmin":false,"isDisabled":false,"timeZone":"Asia/Shanghai","version":2,
         "createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-02T10:30:00+00:00"}
        """;

    private const string HistoryExample = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","items":[
          {"version":1,"at":"2026-03-01T09:00:00+00:00","action":"registered","eventType":"user.registered","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01",
           "requestId":"7f3c","changes":[{"field":"mobile","old":null,"new":"13800000001"},{"field":"displayName","old":null,"new":"Li Na"}]},
          {"version":2,"at":"2026-03-01T09:00:00+00:00","action":"password-initial","eventType":"user.password-set",
           "actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","requestId":"7f3c","changes":[{"field":"password","old":null,"new":null}]},
          {"version":3,"at":"2026-03-02T10:30:00+00:00","action":"roles-changed","eventType":"user.roles-changed",
           "actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","requestId":"81aa",
           "changes":[{"field":"roleIds","old":"","new":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31"}]}]}
        """;

    private const string AdminWithDetail = "Administrators only; answers the whole user, so user.detail is needed too (403 permission_denied). ";

    private const string Protected = "Only a super administrator may act on a super administrator's account (403 super_admin_protected). ";

    public static readonly ApiDoc List = new("List users by display name, a page at a time",
        "The full directory (mobile numbers, email, roles, super-administrator flag); to choose a user, GET /api/users/picker "
        + "needs less. Keyset paging: pass nextCursor back as ?cursor=. Filters: departmentId, q (part of the display name or "
        + "mobile number), status (enabled, disabled; default all). limit defaults to the listPageSize setting.")
    { Response = $$"""{"items":[{{Example}}],"nextCursor":null}""", Problems = [400] };

    public static readonly ApiDoc Get = new("Read a user, now or as it was",
        "ETag is the user's version. ?version=n or ?asOf=<ISO 8601> show the user as they were then (time travel). Never includes credentials.")
    { Response = Example, Problems = [400, 404] };

    public static readonly ApiDoc History = new("A user's operation log",
        "One entry per change, oldest first: version, time, action, the acting user (actorId), request id, and each changed field's old and "
        + "new value. A password change is listed without any value.")
    { Response = HistoryExample, Problems = [400, 404] };

    public static readonly ApiDoc Create = new("Register a user",
        "Administrators only. The mobile number is the sign-in name and must be unique (409 mobile_taken). The department, "
        + "superior and roles must exist (422); roles given need user.grant and must be within the creator's own rights (403 "
        + "beyond_your_rights). The server picks a UUID v7 id unless the body has one; Idempotency-Key makes retries safe.")
    {
        Request = """
            {"mobile":"13800000001","password":"correct horse battery","displayName":"Li Na","gender":"female","email":"li.na@example.com",
            "departmentId":null,"positionId":null,"superiorId":null,"roleIds":[]}
            """,
        Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 403, 409, 422],
    };

    public static readonly ApiDoc Update = new("Change a user's details", AdminWithDetail + Protected
        + "JSON merge patch: only the fields sent change; null clears email, departmentId, positionId or superiorId. A superior who"
        + " reports (directly or not) to the user is a 409 superior_cycle. Only a super administrator changes their own departmentId or"
        + " superiorId (403 own_placement_locked). timeZone is an IANA id (400 time_zone_invalid; null resets it to UTC): the user's"
        + " workbench days and calendar default zone (user.time-zone-changed). Send If-Match with the ETag you read (412 when stale).")
    {
        Request = """{"displayName":"Li Na (Sales)","superiorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","email":null,"timeZone":"Asia/Shanghai"}""",
        Response = Example, Problems = [400, 403, 404, 409, 412, 422],
    };

    public static readonly ApiDoc Disable = new("Disable a user (离职)", AdminWithDetail + Protected
        + "The user can no longer sign in and their live tokens stop working at once. Users are never deleted. The last enabled "
        + "super administrator cannot be disabled (409 last_super_admin). Disabling a disabled user changes nothing.")
    { Response = Example, Problems = [403, 404, 409, 412, 400] };

    public static readonly ApiDoc Enable = new("Enable a disabled user again", AdminWithDetail + Protected
        + "Tokens issued before the user was disabled stay invalid: the user signs in again.")
    { Response = Example, Problems = [403, 404, 412, 400] };

    public static readonly ApiDoc SetRoles = new("Set the roles a user holds", AdminWithDetail + Protected
        + "Replaces the whole set; an empty list removes every role. Unknown role ids are a 422. Nobody but a super administrator "
        + "changes their own roles (403 own_roles_locked) or adds or takes away a role carrying rights they do not hold themselves "
        + "(403 beyond_your_rights).")
    { Request = """{"roleIds":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31"]}""", Response = Example, Problems = [400, 403, 404, 422, 412] };

    public static readonly ApiDoc SetSuperAdmin = new("Grant or revoke super administration",
        "Administrators only. There may be several super administrators; the last enabled one cannot be revoked (409 last_super_admin), "
        + "and a disabled user cannot be granted (409 user_disabled).")
    { Request = """{"grant":true}""", Response = Example, Problems = [400, 403, 404, 409, 412] };

    public static readonly ApiDoc ResetPassword = new("Set a new password for a user", AdminWithDetail + Protected
        + "The user's live tokens stop working; they sign in with the new password. Nobody but a super administrator resets the "
        + "password of a user holding a role beyond their own rights (403 beyond_your_rights): a reset must not be a way up. Nobody "
        + "resets their own password here (403 own_password_via_change): change it with POST /api/auth/password. The "
        + "password is stored only as a hash and never shown, not even in the history.")
    { Request = """{"password":"a new long password"}""", Response = Example, Problems = [400, 403, 404, 412] };

    public static readonly ApiDoc HandOver = new("Hand a disabled user's records over to another user", "Administrators only. " + Protected
        + "Records user.records-handed-over on the disabled user's stream, then asks every module that registered an "
        + "IRecordsHandOver to move its records; the answer counts them per module. The user must be disabled (409 "
        + "user_not_disabled); the receiver must exist and be enabled (422).")
    {
        Request = """{"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22"}""",
        Response = """{"fromUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","modules":{}}""",
        Problems = [400, 403, 404, 409, 422],
    };
}

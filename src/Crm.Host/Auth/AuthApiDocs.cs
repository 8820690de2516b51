using Crm.Host.Platform;

namespace Crm.Host.Auth;

/// <summary>What the OpenAPI document says about each sign-in operation, beside the route table.</summary>
internal static class AuthApiDocs
{
    private const string Tokens = """
        {"tokenType":"Bearer","accessToken":"CfDJ8…","expiresIn":43200,"expiresAt":"2026-03-01T21:00:00+00:00","refreshToken":"CfDJ8…",
        "userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01"}
        """;

    public static readonly ApiDoc Login = new("Sign in with mobile number and password",
        "Answers a bearer token (send it as Authorization: Bearer …) that expires after the sessionTimeoutHours setting, and a refresh token. "
        + "A wrong password, an unknown mobile number and a disabled user get the same 401. Attempts are limited per mobile number and per "
        + "client address: 429 with Retry-After.")
    { Request = """{"mobile":"13800000000","password":"correct horse battery"}""", Response = Tokens, Problems = [400, 401, 429] };

    public static readonly ApiDoc Refresh = new("Exchange a refresh token for a new pair of tokens",
        "Each refresh token works once: the answer is a new pair, and the pair it came with (refresh and access token) is spent. "
        + "Presenting a spent refresh token again is taken as theft: it is refused (401 refresh_token_reused) and every token of "
        + "that sign-in stops working. Also refused (401 session_ended) when the refresh token is expired or not genuine, the user "
        + "was disabled, or their password changed since.")
    { Request = """{"refreshToken":"CfDJ8…"}""", Response = Tokens, Problems = [400, 401] };

    public static readonly ApiDoc ChangePassword = new("Change your own password",
        "Needs the current password (a wrong one is a 400 naming currentPassword). Every earlier token of yours stops working; the answer "
        + "carries fresh tokens.")
    { Request = """{"currentPassword":"correct horse battery","newPassword":"an even longer passphrase"}""", Response = Tokens, Problems = [400, 401] };

    public static readonly ApiDoc Me = new("The signed-in user", "The user the bearer token belongs to; ETag is their version.")
    {
        Response = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","mobile":"13800000000","displayName":"Administrator","gender":"unspecified","email":null,
            "departmentId":null,"positionId":null,"superiorId":null,"roleIds":[],"isSuperAdmin":true,"isDisabled":false,"timeZone":"UTC","version":3,
            "createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
            """,
        Problems = [401, 404],
    };

    public static readonly ApiDoc SetTimeZone = new("Set your own time zone",
        "Any signed-in user, for themselves: an IANA id of the tz database (Asia/Shanghai, Europe/Berlin; \"UTC\" is the default), else 400 "
        + "time_zone_invalid naming timeZone. Your workbench's days (today, next, later, the due times a move sets) begin at your midnight and "
        + "GET /api/calendar shows your zone unless ?timeZone= says otherwise. Recorded as user.time-zone-changed (old → new); the same value "
        + "again writes nothing. If-Match with your ETag is optional (412 when stale). Answers you, as GET /api/auth/me does.")
    {
        Request = """{"timeZone":"Asia/Shanghai"}""",
        Response = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","mobile":"13800000000","displayName":"Administrator","gender":"unspecified","email":null,
            "departmentId":null,"positionId":null,"superiorId":null,"roleIds":[],"isSuperAdmin":true,"isDisabled":false,"timeZone":"Asia/Shanghai",
            "version":4,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-02T09:00:00+00:00"}
            """,
        Problems = [400, 401, 404, 412],
    };
}

using Crm.Host.Platform;

namespace Crm.Host.Settings;

/// <summary>What the OpenAPI document says about each settings operation (SET-2), beside the route table.</summary>
internal static class SettingsApiDocs
{
    private const string Values = """
        {"attachmentMaxMegabytes":3,"listPageSize":20,"relatedListPageSize":10,"pickerPageSize":20,"listTextLength":50,"sessionTimeoutHours":12}
        """;

    public static readonly ApiDoc Get = new("The system settings",
        "Readable by anyone signed in. ETag is the settings stream's version (0 before the first change).")
    { Response = Values };

    public static readonly ApiDoc Change = new("Change system settings",
        "Administrators only. Only the fields sent change; a value out of range is a 400 naming the field, and nothing is written. Each change "
        + "is one event naming every changed setting's old and new value. A new session timeout applies to sign-ins from now on.")
    { Request = """{"listPageSize":50,"sessionTimeoutHours":8}""", Response = Values, Problems = [400, 403, 412] };

    public static readonly ApiDoc History = new("The settings' change log",
        "One entry per change, oldest first: when, who (actorId), and each setting's old and new value.")
    {
        Response = """
            {"items":[{"version":1,"at":"2026-03-01T09:00:00+00:00","action":"changed","eventType":"settings.changed",
            "actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","requestId":"7f3c","changes":[{"field":"listPageSize","old":"20","new":"50"}]}]}
            """,
    };
}

using Crm.Host.Platform;

namespace Crm.Host.Classification;

/// <summary>What the OpenAPI document says about the class thresholds (CUS-10), beside the route table.</summary>
internal static class CustomerClassApiDocs
{
    private const string Example = """
        {"recencyDays":[30,90,180,365],"frequencyCounts":[2,3,5,10],"monetaryBasis":"contracts",
        "monetary":[{"currency":"CNY","amounts":[10000,50000,200000,1000000]}]}
        """;

    public static readonly ApiDoc Get = new("The thresholds of the customers' derived classes",
        "Recency, frequency and monetary classes (1–5) shown on customers and filtered on in lists and scenes (recencyClass, frequencyClass, "
        + "monetaryClass) are cut by these bounds. ETag is the configuration's version (0 before the first change: the defaults).")
    { Response = Example };

    public static readonly ApiDoc Put = new("Replace the thresholds of the customers' derived classes",
        "The whole configuration. Each list has four strictly ascending bounds; a fault is a 400 naming the field (recencyDays, "
        + "frequencyCounts[2], monetary[0].currency …) and nothing is written. Classes are computed when read, so the next list or detail "
        + "shows them under the new bounds; nothing is recomputed. If-Match → 412 when stale.")
    { Request = Example, Response = Example, Problems = [400, 412] };

    public static readonly ApiDoc History = new("The class thresholds' change log",
        "One entry per change, oldest first: when, who (actorId), and each part that changed, old → new (the first change's old values are "
        + "the defaults).")
    {
        Response = """
            {"items":[{"version":1,"at":"2026-03-01T09:00:00+00:00","action":"changed","eventType":"settings.customer-classes-changed",
            "actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","requestId":"7f3c","changes":[{"field":"recencyDays","old":"30, 90, 180, 365",
            "new":"7, 30, 90, 180"}]}]}
            """,
    };
}

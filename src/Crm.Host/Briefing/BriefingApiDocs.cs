using Crm.Host.Platform;

namespace Crm.Host.Briefing;

/// <summary>What the OpenAPI document says about the briefing (DASH-1 subset), beside the route table.</summary>
internal static class BriefingApiDocs
{
    public static readonly ApiDoc Get = new(
        "Sales briefing: new leads, customers, contacts, follow-ups, conversions, recycled and claimed customers",
        "Counts per UTC day from the daily-counts read model (an async projection: it trails the latest writes by the daemon's delay). "
        + $"from and to are dates (yyyy-MM-dd, inclusive, default today, at most {BriefingEndpoints.MaxDays} days). Pass userId or departmentId "
        + "(with its sub-departments) to narrow it; without either it covers your whole dashboard.view scope. A user or department outside "
        + "your scope is a 404.")
    {
        Response = """
            {"from":"2026-03-01","to":"2026-03-31","userId":null,"departmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d10",
             "totals":{"newLeads":12,"newCustomers":5,"newContacts":7,"followUps":40,"conversions":3,"customersRecycled":1,"customersClaimed":2},
             "days":[{"day":"2026-03-02","counts":{"newLeads":2,"newCustomers":1,"newContacts":1,"followUps":6,"conversions":1,
             "customersRecycled":0,"customersClaimed":0}}]}
            """,
        Problems = [400, 404],
    };
}

using Crm.Host.Platform;

namespace Crm.Host.Dashboard;

/// <summary>What the OpenAPI document says about the dashboard (DASH-1), beside the route table.</summary>
internal static class DashboardApiDocs
{
    private const string Common =
        "The period is a calendar period of the zone (timeZone, default yours): a week runs Monday to Sunday, and each figure is compared with the "
        + "period before (the previous calendar period; for a custom one the same number of days just before). Pass userId or departmentId "
        + "(with its sub-departments) to narrow it; without either it covers your whole dashboard.view scope; a user or department outside "
        + "your scope is a 404. Figures come from async projections: they trail the latest writes by the daemon's delay.";

    private static readonly string Period = J(
        "'period':{'name':'this_month','from':'2026-03-01','to':'2026-03-31','previousFrom':'2026-02-01','previousTo':'2026-02-28',"
        + "'timeZone':'Asia/Shanghai','userId':null,'departmentId':null}");

    private static readonly string BriefingJson = J(
        "{'newCustomers':{'current':12,'previous':10,'changePercent':20.00},'newContacts':{'current':7,'previous':0,'changePercent':null},"
        + "'newLeads':{'current':30,'previous':24,'changePercent':25.00},'newOpportunities':{'current':9,'previous':12,'changePercent':-25.00},"
        + "'newContracts':{'current':4,'previous':2,'changePercent':100.00},'followUps':{'current':88,'previous':80,'changePercent':10.00},"
        + "'contractAmount':[{'currency':'CNY','current':120000.00,'previous':60000.00,'changePercent':100.00}],"
        + "'paymentsReceived':[{'currency':'CNY','current':50000.00,'previous':0.00,'changePercent':null}]}");

    private static readonly string TrendJson = J(
        "{'months':[{'month':'2026-03','contracts':4,'contractAmount':[{'currency':'CNY','amount':120000.00}],"
        + "'paymentsReceived':[{'currency':'CNY','amount':50000.00}]}]}");

    private static readonly string RankingsJson = J(
        "{'contractAmount':[{'rank':1,'userId':'0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d10','userName':'Li Lei','currency':'CNY','amount':80000.00}],"
        + "'paymentsReceived':[],'newCustomers':[{'rank':1,'userId':'0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d10','userName':'Li Lei','count':5}],"
        + "'followUps':[]}");

    private static string J(string text) => text.Replace('\'', '"');

    public static readonly ApiDoc Whole = new("The dashboard: briefing, KPIs, funnel, trend and rankings",
        "Every card of the dashboard in one answer (each card also has its own route). " + Common)
    {
        Response = "{" + Period + ",\"briefing\":" + BriefingJson + ",\"kpis\":{\"items\":[]},\"funnel\":null,\"trend\":" + TrendJson
            + ",\"rankings\":" + RankingsJson + "}",
        Problems = [400, 404],
    };

    public static readonly ApiDoc Briefing = new("Dashboard briefing: new records, contracts, payments and follow-ups against the previous period",
        "New customers, contacts, leads and opportunities (by their creation time, counted for their owner), follow-ups (for who recorded "
        + "them), approved contracts dated in the period (signing date, else approval date) with their amounts, and approved payments "
        + "received in the period, per currency. changePercent is null when the previous figure is 0. " + Common)
    {
        Response = "{" + Period + ",\"briefing\":" + BriefingJson + "}",
        Problems = [400, 404],
    };

    public static readonly ApiDoc Kpis = new("Dashboard KPIs: targets against achievement",
        "The targets (year, quarter and month) whose period holds the dashboard period's last day, with what was achieved and the "
        + "completion in percent: the user's targets with userId, the department's with departmentId, else every target in your scope. "
        + Common)
    {
        Response = "{" + Period + ",\"kpis\":{\"items\":[]}}",
        Problems = [400, 404],
    };

    public static readonly ApiDoc Funnel = new("Dashboard funnel: opportunities by stage",
        "The pipeline's opportunities in scope as they stand now — count, amount and weighted amount per open stage, conversion between "
        + "stages, won and lost — as GET /api/opportunities/funnel answers it; the period does not narrow it. funnel is null when no "
        + "pipeline is configured; an unknown pipelineId is a 404. " + Common)
    {
        Problems = [400, 404],
    };

    public static readonly ApiDoc Trend = new("Dashboard trend: contract amounts and payments per month",
        "The twelve calendar months ending with the period's last month: approved contracts (how many, and their amounts) and approved "
        + "payments received, per currency. " + Common)
    {
        Response = "{" + Period + ",\"trend\":" + TrendJson + "}",
        Problems = [400, 404],
    };

    public static readonly ApiDoc Rankings = new("Dashboard rankings: the top users of the period",
        $"The top {DashboardCards.RankingSize} users in scope by contract amount and by payments received (each ranked within its currency), "
        + "by new customers and by follow-ups. Equal figures keep a stable order. " + Common)
    {
        Response = "{" + Period + ",\"rankings\":" + RankingsJson + "}",
        Problems = [400, 404],
    };
}

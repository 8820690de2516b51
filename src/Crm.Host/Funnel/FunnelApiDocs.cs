using Crm.Host.Platform;

namespace Crm.Host.Funnel;

/// <summary>What the OpenAPI document says about the funnel (SAL-2, DASH-1), beside the route table.</summary>
internal static class FunnelApiDocs
{
    public static readonly ApiDoc Get = new(
        "Sales funnel: opportunities by stage, weighted amounts, conversion and time in stage",
        "From the funnel read model (an async projection of the opportunity events: it trails the latest writes by the daemon's delay). "
        + "pipelineId: the pipeline (default: the default pipeline; 404 pipeline_not_found). The opportunities counted: those of the pipeline "
        + "whose owner is in your opportunity.list data scope, narrowed by ownerId (404 user_not_found outside your scope) or departmentId "
        + "(with its sub-departments; 404 department_not_found), not both (400 filter_ambiguous), and created between from and to "
        + "(UTC days, inclusive; 400 range_invalid when to is before from). "
        + "stages: the open stages as configured now, in order (position 0, 1 …), then open stages only history knows (position null, "
        + "by name). Per stage, now: count = open opportunities at the stage; amounts per currency: amount = the sum of their amounts, "
        + "weightedAmount = amount × the stage's win rate / 100 (a stage only history knows: each opportunity's recorded rate), rounded "
        + "to 2 decimals half away from zero. From the stage events: entered = opportunities that entered the stage (created at it, or "
        + "advanced, reopened into it); converted = those of them that afterwards entered a stage placed after it (positions as configured "
        + "now) or were won; conversionRate = converted × 100 / entered (percent, 2 decimals; null when none entered); completedStays = "
        + "stays in the stage that ended (by a stage change, a win or a loss); averageSecondsInStage = their average length in seconds "
        + "(null when none ended; stays still going are not counted). won / lost: opportunities closed now, with their amounts per "
        + "currency. Needs opportunity.list.")
    {
        Response = """
            {"ownerId":null,"departmentId":null,"from":"2026-01-01","to":"2026-03-31","funnel":{"pipelineId":"0190f1c0-0000-7000-8000-0000000000a1",
             "pipelineName":"Standard pipeline","stages":[{"stageId":"0190f1c0-0000-7000-8000-000000000101","name":"Initial contact","winRate":10,
             "position":0,"count":4,"amounts":[{"currency":"CNY","amount":120000.00,"weightedAmount":12000.00}],"entered":10,"converted":5,
             "conversionRate":50.00,"completedStays":6,"averageSecondsInStage":259200}],
             "won":{"count":2,"amounts":[{"currency":"CNY","amount":80000.00,"weightedAmount":80000.00}]},"lost":{"count":1,"amounts":[]}}}
            """,
        Problems = [400, 401, 403, 404],
    };
}

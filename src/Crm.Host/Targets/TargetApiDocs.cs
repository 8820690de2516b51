using Crm.Host.Platform;

namespace Crm.Host.Targets;

/// <summary>What the OpenAPI document says about each target operation (SAL-7), beside the route table.</summary>
internal static class TargetApiDocs
{
    private const string Target = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e6a01","subjectKind":"user","subjectId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
        "measure":"contract_amount","year":2026,"period":"quarter","periodNo":2,"startsOn":"2026-04-01","endsOn":"2026-06-30","amount":500000.00,
        "currency":"CNY","version":1,"createdAt":"2026-03-20T09:00:00+00:00","updatedAt":"2026-03-20T09:00:00+00:00"}
        """;

    private const string Scope = "A user target is in your scope with its user; a department target when the department has members and your "
        + "scope includes every one of them (an all, department or department-and-children scope over it).";

    public static readonly ApiDoc List = new("List the sales targets in your data scope",
        $"{Scope} Filters: year, period, periodNo, measure, subjectKind, subjectId. Ordered by period start, at most {TargetEndpoints.MaxItems}.")
    { Response = $$"""{"items":[{{Target}}]}""", Problems = [400] };

    public static readonly ApiDoc Achievement = new("What was achieved against each target in your data scope",
        "achieved sums the deals dated inside the target's period, in its currency: contract_amount — approved contracts that are not voided, by "
        + "their signing date, else their approval date, credited to the contract's owner at approval; payments_received — approved payments, by "
        + "their receipt date, credited to the contract's owner when the payment was approved. A department's achievement sums its current "
        + "(direct) members'. ratio = achieved / amount, 4 decimals. Computed from an async projection: it trails the latest approvals by the "
        + "projection daemon's delay; changing a target applies at once.")
    {
        Response = $$"""{"items":[{"target":{{Target}},"achieved":125000.00,"ratio":0.2500}]}""", Problems = [400],
    };

    public static readonly ApiDoc Get = new("Read a sales target", $"ETag is its version. {Scope} Outside it: 404 target_not_found.")
    { Response = Target, Problems = [404] };

    public static readonly ApiDoc Create = new("Set a sales target",
        "One target per subject, measure and period (409 target_exists, also for two requests racing for it). periodNo: 1–4 for a quarter, 1–12 "
        + "for a month, absent for a year (400 period_no_invalid). The subject must exist (422 subject_unknown) and be in your target.edit scope "
        + "(422 subject_out_of_scope naming subjectId).")
    {
        Request = """
            {"subjectKind":"user","subjectId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","measure":"contract_amount","year":2026,"period":"quarter",
            "periodNo":2,"amount":500000,"currency":"CNY"}
            """,
        Response = Target, Status = StatusCodes.Status201Created, Problems = [400, 409, 422],
    };

    public static readonly ApiDoc Update = new("Change a target's amount",
        "Subject, measure and period never change: delete the target and set another. If-Match: 412 when it changed since you read it.")
    { Request = """{"amount":600000}""", Response = Target, Problems = [400, 404, 412] };

    public static readonly ApiDoc Delete = new("Delete a sales target", "Its subject, measure and period are free again. Its events stay.")
    { Problems = [404, 412] };
}

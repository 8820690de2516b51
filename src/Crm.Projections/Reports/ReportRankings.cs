namespace Crm.Projections.Reports;

/// <summary>
/// The ranking report: users (or departments) ranked by one figure over the range, per currency for money. Each figure is counted
/// exactly as the report it comes from counts it (same read models, same scope rule).
/// </summary>
public static class ReportRankings
{
    public const string NewCustomers = "newCustomers";
    public const string ConvertedLeads = "convertedLeads";
    public const string FollowUps = "followUps";
    public const string ContractAmount = "contractAmount";
    public const string PaymentsReceived = "paymentsReceived";

    public static IReadOnlyList<string> Measures { get; } = [NewCustomers, ConvertedLeads, FollowUps, ContractAmount, PaymentsReceived];

    public static IReadOnlyList<string> GroupBys { get; } = [ReportGroupBy.User, ReportGroupBy.Department];

    /// <summary>What the figure is counted over: the report it comes from, reduced to that one measure.</summary>
    public static ReportSpec SpecOf(string measure) => measure switch
    {
        NewCustomers => ReportSpecs.Customers.Only("customers"),
        ConvertedLeads => ReportSpecs.LeadConversion.Only("converted"),
        FollowUps => ReportSpecs.FollowUps.Only("followUps"),
        ContractAmount => ReportSpecs.ContractAmounts,
        PaymentsReceived => new ReportSpec("payments", ReportGroupBy.User, ["received"], ReportSpecs.Payments.Fields,
            [ReportSpecs.Payments.Parts[0] with { Measures = [ReportSpecs.Payments.Parts[0].Measures[0]] }]),
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Not a ranking measure."),
    };
}

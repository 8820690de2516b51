using System.Text.Json.Nodes;
using Crm.Host.Platform;
using Crm.Projections.Reports;
using Microsoft.OpenApi;

namespace Crm.Host.Reports;

/// <summary>What the OpenAPI document says about the reports (DASH-2), beside the route table; docs/reports.md says it at length.</summary>
internal static class ReportApiDocs
{
    private const string Common =
        "Counted in SQL on the read models. from and to are days of your time zone (yyyy-MM-dd, inclusive; default: the first day of to's month "
        + "to today; at most 1096 days; 400 range_invalid / range_too_long naming to). groupBy: user, department (the owner's department now), "
        + "a period of your calendar (day, week: ISO, month, quarter, year) or the report's own dimensions. userId or departmentId (with its "
        + "sub-departments) narrow to those owners, not both (400 filter_ambiguous); outside your scope a 404 (user_not_found, "
        + "department_not_found). filter: a JSON filter tree ({\"and\":[{\"field\",\"op\",\"value\"}]}) over the fields named below; faults "
        + "400 filter_invalid naming filter.<field>. Scope: only the records you can list — owners in both your report scope and the "
        + "kind's list scope, plus records whose team you are on. Totals: one row per currency; money is never summed across currencies.";

    private static readonly Dictionary<string, string> What = new()
    {
        ["customers"] = "Customers created in the range. Measures: customers, followedUp (with at least one follow-up), closedDeal (with a won "
            + "opportunity), locked. Also groups by source, industry, level and stage (follow-up status: new, in_communication, closed_deal). "
            + "Filter fields: those of POST /api/customers/search.",
        ["lead-conversion"] = "Leads created in the range and how many are converted now. Measures: leads, converted, conversionRate "
            + "(converted × 100 / leads, 2 decimals; null for none). Also groups by source, industry and level. Filter fields: those of "
            + "POST /api/leads/search.",
        ["follow-ups"] = "Follow-ups recorded in the range, by who recorded them (user), where you see them listed (on a lead you can list, "
            + "or on a customer you can list — an opportunity's only when you can list the opportunity). Measures: followUps, "
            + "withNextContact. Also groups by kind. Filter fields: kind, recordType, recordId, customerId, createdBy, departmentId, "
            + "createdAt, nextContactAt.",
        ["product-sales"] = "The product lines of contracts approved in the range, per product (the default grouping) and currency. "
            + "Measures: quantity, amount (the lines' subtotals), lines. Filter fields: those of the contract list.",
        ["payments"] = "Received against planned, per currency: received = approved payments received in the range; planned = payment-plan "
            + "instalments of approved contracts planned in the range; overdue = what is unpaid of those planned before today (from the "
            + "receivables read model, which trails writes by the daemon's delay). Default grouping: month. Filter fields: those of the "
            + "contract list (the payments' and instalments' contract).",
    };

    public static string OperationName(string report) =>
        string.Concat(report.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    public static ApiDoc Get(ReportSpec spec) => new($"The {spec.Name} report", What[spec.Name] + " " + Common)
    {
        Response = Example(spec.Name, spec.DefaultGroupBy, spec.Measures, spec.Name is "product-sales" or "payments"),
        Problems = [400, 404],
    };

    public static readonly ApiDoc Rankings = new("The rankings report",
        "Users (groupBy=user, the default) or departments ranked by one figure over the range (measure): newCustomers, convertedLeads, "
        + "followUps (counted as the customers, lead-conversion and follow-ups reports count them), contractAmount (amounts of contracts "
        + "approved in the range), paymentsReceived (approved payments received in the range). Ranked per currency, highest first; equal "
        + "figures share a rank (1, 2, 2, 4). The filter takes the fields of the report the measure comes from (400 measure_invalid for "
        + "another measure). " + Common)
    {
        Response = Example(ReportEndpoints.Rankings, ReportGroupBy.User, [ReportRankings.NewCustomers], false, rank: true),
        Problems = [400, 404],
    };

    public static ApiDoc Export(string report) => new($"Export the {report} report (CSV or XLSX)",
        "The report as a file: format=csv (UTF-8 with a byte-order mark, the default) or xlsx (written by MiniExcel); 400 format_invalid "
        + "otherwise. Columns: group (the label), key, currency, the measures" + (report == ReportEndpoints.Rankings ? ", rank" : "")
        + "; the rows, then the totals rows (group \"Total\"). Text cells that a spreadsheet would run as a formula (leading =, +, -, @, "
        + "tab, CR) get a leading '. Takes the same parameters as the report, with the report.export scope. " + Common)
    {
        Problems = [400, 404],
    };

    private static string Example(string report, string groupBy, IReadOnlyList<string> measures, bool money, bool rank = false)
    {
        var values = string.Join(",", measures.Select((m, i) => $"\"{m}\":{(i + 2) * 3}"));
        var currency = money ? "\"CNY\"" : "null";
        var rankText = rank ? "1" : "null";
        return $$"""
            {"report":"{{report}}","from":"2026-03-01","to":"2026-03-31","timeZone":"Asia/Shanghai","groupBy":"{{groupBy}}",
             "measure":{{(rank ? $"\"{ReportRankings.NewCustomers}\"" : "null")}},"userId":null,"departmentId":null,
             "measures":[{{string.Join(",", measures.Select(m => $"\"{m}\""))}}],
             "rows":[{"key":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d10","label":"Li Na","currency":{{currency}},"values":{{{values}}},"rank":{{rankText}}}],
             "totals":[{"key":null,"label":"Total","currency":{{currency}},"values":{{{values}}},"rank":null}]}
            """;
    }

    /// <summary>The report parameters' descriptions, and their value sets as enums (groupBy: the report's own).</summary>
    public static RouteHandlerBuilder WithReportParameters(this RouteHandlerBuilder builder, IReadOnlyList<string> groupBys) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (Parameters.TryGetValue(parameter.Name ?? "", out var description)) parameter.Description = description;
                IReadOnlyList<string>? values = parameter.Name switch
                {
                    "groupBy" => groupBys,
                    "format" => ReportValues.Formats,
                    "measure" => ReportRankings.Measures,
                    _ => null,
                };
                if (values is not null && parameter.Schema is OpenApiSchema schema) schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
            }
            return Task.CompletedTask;
        });

    private static readonly Dictionary<string, string> Parameters = new()
    {
        ["from"] = "First day of the range (yyyy-MM-dd, your time zone); default: the first day of to's month.",
        ["to"] = "Last day of the range (inclusive); default: today in your time zone.",
        ["groupBy"] = "What the rows are: the default is the report's own (user; product for product-sales; month for payments).",
        ["userId"] = "Only this owner's records (within your scope; 404 user_not_found outside it).",
        ["departmentId"] = "Only the records of this department's users and of the departments below it (404 department_not_found outside your scope).",
        ["filter"] = "A JSON filter tree over the report's filter fields, e.g. {\"and\":[{\"field\":\"source\",\"op\":\"eq\",\"value\":\"Referral\"}]}.",
        ["format"] = "csv (the default) or xlsx.",
        ["measure"] = "Rankings: the figure ranked (default newCustomers).",
    };

    /// <summary>The export's 200: the file's bytes as CSV or XLSX, with its Content-Disposition.</summary>
    public static RouteHandlerBuilder WithReportFile(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= new OpenApiResponses();
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "The report as a file.",
                Content = new[] { "text/csv", ReportExport.XlsxMediaType }.ToDictionary(t => t,
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Content-Disposition"] = new OpenApiHeader
                    {
                        Description = "attachment; filename=<report>-<from yyyyMMdd>-<to yyyyMMdd>.<format>",
                        Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            };
            return Task.CompletedTask;
        });
}

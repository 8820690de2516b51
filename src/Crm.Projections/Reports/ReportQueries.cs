using Crm.Projections.Filtering;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Reports;

/// <summary>
/// Runs the reports: each part's grouped query on the read models (never the event store), at most a row per group and currency
/// back to the host, then folded into periods, totals and rates (<see cref="ReportFolding"/>).
/// </summary>
public sealed class ReportQueries(NpgsqlDataSource dataSource)
{
    public async Task<ReportTable> RunAsync(ReportSpec spec, ReportRequest request, CancellationToken ct = default)
    {
        var filter = FilterSql.Compile(request.Filter);
        var lines = new List<ReportLine>();
        foreach (var part in spec.Parts)
        {
            await using var cmd = dataSource.CreateCommand(part.Sql(request, filter.Sql));
            AddParameters(cmd.Parameters, request);
            // A parameter belongs to one command: each part gets its own copies of the filter's.
            cmd.Parameters.AddRange(filter.Parameters.Select(p => p.Clone()).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var key = reader.GetOrdinal("key");
            var currency = reader.GetOrdinal("currency");
            var label = reader.GetOrdinal("label");
            var first = reader.GetOrdinal("m0");
            while (await reader.ReadAsync(ct))
            {
                var values = new decimal?[part.Measures.Count];
                for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(first + i) ? null : reader.GetDecimal(first + i);
                var k = reader.IsDBNull(key) ? null : reader.GetString(key);
                var name = reader.IsDBNull(label) ? k : reader.GetString(label);
                lines.Add(new ReportLine(k, name ?? ReportFolding.NoneLabel, reader.IsDBNull(currency) ? null : reader.GetString(currency), values));
            }
        }
        return ReportFolding.Fold(spec.Measures, lines, request.GroupBy, spec.Derive);
    }

    /// <summary>The ranking by <paramref name="measure"/> (one of <see cref="ReportRankings.Measures"/>).</summary>
    public async Task<ReportTable> RankAsync(string measure, ReportRequest request, CancellationToken ct = default) =>
        ReportRanks.Rank(await RunAsync(ReportRankings.SpecOf(measure), request, ct));

    private static void AddParameters(NpgsqlParameterCollection p, ReportRequest request)
    {
        var w = request.Window;
        p.Add(new NpgsqlParameter<DateTimeOffset>("start", w.Start));
        p.Add(new NpgsqlParameter<DateTimeOffset>("end", w.End));
        p.Add(new NpgsqlParameter<DateOnly>("from_day", w.From));
        p.Add(new NpgsqlParameter<DateOnly>("to_day", w.To));
        p.Add(new NpgsqlParameter<DateOnly>("today", w.Today));
        p.Add(new NpgsqlParameter("zone", NpgsqlDbType.Text) { Value = w.TimeZone });
        ReportVisibility.AddParameters(p, request.Scopes);
        ReportVisibility.AddNarrowing(p, request.Owners);
    }
}

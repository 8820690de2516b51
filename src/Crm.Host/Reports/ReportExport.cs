using System.Globalization;
using System.Text;
using Crm.Host.Platform;
using Crm.Projections.Reports;
using CsvHelper;
using MiniExcelLibs;

namespace Crm.Host.Reports;

/// <summary>
/// A report as a file: a header row (group, key, currency, the measures, rank for rankings), its rows, then its totals rows.
/// CSV through the exports' one CsvHelper configuration (<see cref="CsvExport.Options"/>); XLSX written by MiniExcel. In both,
/// a text cell a spreadsheet would run as a formula (leading =, +, -, @, tab, CR) is written with a leading ' (OWASP CSV injection);
/// figures are numbers, never text.
/// </summary>
public static class ReportExport
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvMediaType = "text/csv; charset=utf-8";

    public static IReadOnlyList<string> Columns(ReportTable table, bool ranked) =>
        ["group", "key", "currency", .. table.Measures, .. ranked ? new[] { "rank" } : []];

    private static IEnumerable<ReportLine> Lines(ReportTable table) => table.Rows.Concat(table.Totals);

    public static async Task<byte[]> CsvAsync(ReportTable table, bool ranked, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(true), 1 << 16, leaveOpen: true))
        await using (var csv = new CsvWriter(writer, CsvExport.Options))
        {
            foreach (var column in Columns(table, ranked)) csv.WriteField(column);
            await csv.NextRecordAsync();
            foreach (var line in Lines(table))
            {
                csv.WriteField(line.Label);
                csv.WriteField(line.Key);
                csv.WriteField(line.Currency);
                foreach (var value in line.Values) csv.WriteField(value?.ToString(CultureInfo.InvariantCulture));
                if (ranked) csv.WriteField(line.Rank?.ToString(CultureInfo.InvariantCulture));
                await csv.NextRecordAsync();
            }
        }
        ct.ThrowIfCancellationRequested();
        return buffer.ToArray();
    }

    public static async Task<byte[]> XlsxAsync(ReportTable table, bool ranked, CancellationToken ct)
    {
        var columns = Columns(table, ranked);
        var rows = Lines(table).Select(line =>
        {
            var cells = new Dictionary<string, object?>
            {
                [columns[0]] = Text(line.Label), [columns[1]] = Text(line.Key), [columns[2]] = Text(line.Currency),
            };
            for (var i = 0; i < table.Measures.Count; i++) cells[table.Measures[i]] = line.Values[i];
            if (ranked) cells["rank"] = line.Rank;
            return cells;
        }).ToList();
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(rows, sheetName: "report", excelType: ExcelType.XLSX, cancellationToken: ct);
        return buffer.ToArray();
    }

    /// <summary>A text cell as a spreadsheet must show it: one that starts like a formula gets a leading '.</summary>
    public static string? Text(string? value) => value is [var first, ..] && first is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}

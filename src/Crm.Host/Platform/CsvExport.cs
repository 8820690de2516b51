using System.Globalization;
using System.Text;
using Crm.Projections;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Host.Platform;

/// <summary>
/// How every export writes CSV: UTF-8 with a byte-order mark (spreadsheets then read Chinese right), a header
/// row, and the list streamed keyset page by keyset page, so memory stays flat however many rows match.
/// </summary>
public static class CsvExport
{
    /// <summary>Rows fetched per keyset page while streaming: big enough to amortise the query, small enough to start at once.</summary>
    public const int PageSize = 2_000;

    /// <summary>
    /// How every export writes its cells: a cell that starts with =, +, -, @, tab or CR is prefixed with ' and quoted,
    /// so a spreadsheet shows it as text instead of running it as a formula (OWASP CSV injection).
    /// </summary>
    public static CsvConfiguration Options { get; } = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        ShouldQuote = args => ConfigurationFunctions.ShouldQuote(args) || args.Field is ['\'', ..] || args.Field is [var first, ..] && IsFormulaStart(first),
    };

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// Writes the header and every row <paramref name="page"/> gives (called with each next cursor, starting from
    /// <paramref name="cursor"/>), at most <paramref name="maxRows"/> when given. Answers the rows written.
    /// </summary>
    /// <param name="firstPage">The first page when the caller read it already (to answer a problem before the 200 is sent).</param>
    public static async Task<long> WriteAsync<TRow>(
        Stream stream, IReadOnlyList<string> columns, Func<string?, CancellationToken, Task<Page<TRow>>> page, Func<CsvWriter, TRow, Task> write,
        string? cursor, long? maxRows, CancellationToken ct, Page<TRow>? firstPage = null)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Options);
        foreach (var column in columns) csv.WriteField(column);
        await csv.NextRecordAsync();
        var written = 0L;
        do
        {
            var rows = firstPage ?? await page(cursor, ct);
            firstPage = null;
            foreach (var row in rows.Items)
            {
                if (written == maxRows) return written;
                await write(csv, row);
                written++;
            }
            await csv.FlushAsync();
            cursor = rows.NextCursor;
        }
        while (cursor is not null);
        return written;
    }

    /// <summary>A time as every export writes it: ISO 8601 round-trip, invariant.</summary>
    public static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}

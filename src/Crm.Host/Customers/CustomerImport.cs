using System.Globalization;
using System.Text;
using Crm.Events.Imports;
using Crm.Write;
using Crm.Write.Customers;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Host.Customers;

/// <summary>
/// Customer import from CSV (CUS-9), its transport side: the whole file is parsed first (so a file over
/// the row limit or without a header writes nothing); the rows are then checked and written in batches
/// by <see cref="CustomerImportHandler"/>; the import's report is read back from its stream.
/// </summary>
public sealed class CustomerImporter(CustomerImportHandler handler, EventStore.EventStore store, TimeProvider clock)
{
    public const int MaxRows = 100_000;

    // Columns an export writes that an import does not take (the server owns them); a re-imported export just works.
    private static readonly HashSet<string> ExportOnlyColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "ownerId", "locked", "followUpStatus", "lastFollowUpAt", "nextContactAt", "createdAt", "updatedAt",
    };

    /// <summary>Reads the CSV; null and a problem when the file itself is unusable (no header, too many rows, not CSV).</summary>
    public static async Task<(List<ImportRowResult>? Rows, DomainError? Error)> ParseAsync(TextReader text, Guid ownerId)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MissingFieldFound = null, BadDataFound = null, DetectColumnCountChanges = false, IgnoreBlankLines = true, TrimOptions = TrimOptions.None,
        };
        using var csv = new CsvReader(text, config);
        try
        {
            if (!await csv.ReadAsync()) return (null, DomainError.Invalid("file", "csv_empty", "The CSV has no header row."));
            csv.ReadHeader();
            var headers = csv.HeaderRecord ?? [];
            if (headers.All(string.IsNullOrWhiteSpace)) return (null, DomainError.Invalid("file", "csv_empty", "The CSV has no header row."));
            var rows = new List<ImportRowResult>();
            var number = 0;
            while (await csv.ReadAsync())
            {
                if (++number > MaxRows) return (null, DomainError.Invalid("file", "too_many_rows", $"An import takes at most {MaxRows} rows; split the file."));
                var count = csv.Parser.Count;
                if (count != headers.Length)
                {
                    var fault = new FieldError("row", "column_count", $"The row has {count} values; the header has {headers.Length} columns.");
                    rows.Add(new ImportRowResult(number, null, [fault]));
                    continue;
                }
                var values = new List<KeyValuePair<string, string?>>(headers.Length);
                for (var i = 0; i < headers.Length; i++)
                {
                    if (!ExportOnlyColumns.Contains(headers[i].Trim())) values.Add(new(headers[i], csv.Parser[i]));
                }
                rows.Add(CustomerImportRow.Parse(number, new RowValues(values), Guid.CreateVersion7(), ownerId));
            }
            return (rows, null);
        }
        catch (Exception e) when (e is DecoderFallbackException || e.InnerException is DecoderFallbackException)
        {
            // Guessing another encoding (GBK, Latin-1) would store mojibake that looks like data.
            return (null, DomainError.Invalid("file", "csv_not_utf8", "The file is not UTF-8 text: save it as \"CSV UTF-8\" and import it again."));
        }
        catch (CsvHelperException e)
        {
            return (null, DomainError.Invalid("file", "csv_invalid",
                $"The file is not valid CSV near row {e.Context?.Parser?.Row}: {e.Message.Split('\n')[0]}"));
        }
    }

    /// <summary>Writes parsed rows for an owner already checked (the benchmark and tests call it; the endpoint goes through the handler).</summary>
    public async Task<CustomerImportReport> ImportAsync(
        Guid importId, string? fileName, Guid ownerId, bool createAnyway, List<ImportRowResult> rows, CommandRequest request, CancellationToken ct) =>
        CustomerImportReport.From(await handler.WriteAsync(new ImportCustomers(importId, fileName, ownerId, createAnyway, rows), request, ct),
            request.Metadata.ActorId, clock.GetUtcNow());

    public async Task<CustomerImportReport?> ReportAsync(Guid importId, CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(importId, ct: ct);
        return events.Count > 0 && events[0].Data is CustomersImported e ? CustomerImportReport.From(e, events[0].Metadata.ActorId, events[0].Timestamp) : null;
    }

    /// <summary>A row as header → text, keeping repeated headers (the row parser reports doubled columns).</summary>
    private sealed class RowValues(List<KeyValuePair<string, string?>> values) : IReadOnlyDictionary<string, string?>
    {
        public string? this[string key] => values.First(v => v.Key == key).Value;
        public IEnumerable<string> Keys => values.Select(v => v.Key);
        public IEnumerable<string?> Values => values.Select(v => v.Value);
        public int Count => values.Count;
        public bool ContainsKey(string key) => values.Any(v => v.Key == key);
        public bool TryGetValue(string key, out string? value)
        {
            foreach (var v in values)
            {
                if (v.Key == key) { value = v.Value; return true; }
            }
            value = null;
            return false;
        }
        public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => values.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Reads a text body as UTF-8 (a byte-order mark, as Excel writes, is honoured); bytes that are not UTF-8 throw.</summary>
    public static StreamReader Reader(Stream stream) =>
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
}

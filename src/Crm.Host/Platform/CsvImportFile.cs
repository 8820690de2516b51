using System.Globalization;
using System.Text;
using Crm.Write;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Host.Platform;

/// <summary>
/// Reading an imported CSV file, for every import (customers, products): the whole file is read first, so a file
/// over the row limit, without a header, not UTF-8 or not CSV writes nothing and answers one problem naming "file";
/// a row whose column count differs from the header's is a refused row; every other row goes to the import's
/// own row parser as header → text, without the columns an export writes that an import does not take.
/// </summary>
public static class CsvImportFile
{
    /// <summary>The most rows one import takes.</summary>
    public const int MaxRows = 100_000;

    /// <param name="exportOnly">Columns of an export the import ignores (the server owns them): a re-imported export just works.</param>
    /// <param name="parse">A data row (1-based number, header → text) to the import's verdict on it.</param>
    /// <param name="refused">A row refused before parsing (wrong column count), as the import's verdict.</param>
    public static async Task<(List<TRow>? Rows, DomainError? Error)> ParseAsync<TRow>(
        TextReader text, IReadOnlySet<string> exportOnly, Func<int, IReadOnlyDictionary<string, string?>, TRow> parse, Func<int, FieldError, TRow> refused,
        int maxRows = MaxRows)
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
            var rows = new List<TRow>();
            var number = 0;
            while (await csv.ReadAsync())
            {
                if (++number > maxRows) return (null, DomainError.Invalid("file", "too_many_rows", $"An import takes at most {maxRows} rows; split the file."));
                var count = csv.Parser.Count;
                if (count != headers.Length)
                {
                    rows.Add(refused(number, new FieldError("row", "column_count", $"The row has {count} values; the header has {headers.Length} columns.")));
                    continue;
                }
                var values = new List<KeyValuePair<string, string?>>(headers.Length);
                for (var i = 0; i < headers.Length; i++)
                {
                    if (!exportOnly.Contains(headers[i].Trim())) values.Add(new(headers[i], csv.Parser[i]));
                }
                rows.Add(parse(number, new RowValues(values)));
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

    /// <summary>Reads a text body as UTF-8 (a byte-order mark, as Excel writes, is honoured); bytes that are not UTF-8 throw.</summary>
    public static StreamReader Reader(Stream stream) =>
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);

    /// <summary>A row as header → text, keeping repeated headers (the row parsers report doubled columns).</summary>
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
}

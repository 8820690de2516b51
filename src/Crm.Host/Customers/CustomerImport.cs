using System.Globalization;
using System.Text;
using Crm.Events;
using Crm.Events.Imports;
using Crm.EventStore;
using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Customers;
using CsvHelper;
using CsvHelper.Configuration;
using Npgsql;

namespace Crm.Host.Customers;

/// <summary>
/// Customer import from CSV (CUS-9). The whole file is parsed first (so a file over the row limit
/// or without a header writes nothing), then rows are checked and written in batches: each batch of
/// accepted rows is ONE multi-stream append (one new customer stream per row), so a row is either
/// fully written or not at all, and 100,000 rows take a hundred round trips, not 100,000. The
/// import's own record (an "import" stream) is appended with the last batch.
/// </summary>
public sealed class CustomerImporter(EventStore.EventStore store, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int MaxRows = 100_000;
    public const int BatchSize = 1_000;
    public const int MaxBatchesInFlight = 2;
    public const string StreamType = "import";

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
                    rows.Add(new ImportRowResult(number, null, [new FieldError("row", "column_count", $"The row has {count} values; the header has {headers.Length} columns.")]));
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
            return (null, DomainError.Invalid("file", "csv_invalid", $"The file is not valid CSV near row {e.Context?.Parser?.Row}: {e.Message.Split('\n')[0]}"));
        }
    }

    public async Task<CustomerImportReport> ImportAsync(
        Guid importId, string? fileName, Guid ownerId, bool createAnyway, List<ImportRowResult> rows, CommandRequest request, CancellationToken ct)
    {
        var failures = new List<ImportRowFailure>();
        foreach (var bad in rows.Where(r => !r.Succeeded))
            failures.AddRange(bad.Errors.Select(e => new ImportRowFailure(bad.RowNumber, e.Field, e.Code, e.Message)));
        var accepted = rows.Where(r => r.Succeeded).ToList();
        var seen = new InFileDuplicates();
        var context = CommandRequests.Context(clock, request);
        var options = new AppendOptions { Metadata = request.Metadata with { CorrelationId = importId.ToString() } };
        var inFlight = new Queue<PendingBatch>();
        var written = new List<int>();

        CustomersImported Record(int succeeded)
        {
            failures.Sort((x, y) => x.Row.CompareTo(y.Row));
            return new CustomersImported(importId, fileName, ownerId, rows.Count, succeeded, rows.Count - succeeded, failures);
        }

        try
        {
            for (var start = 0; ; start += BatchSize)
            {
                var batch = await DecideBatchAsync(accepted.Skip(start).Take(BatchSize).ToList(), createAnyway, seen, context, failures, ct);
                if (start + BatchSize >= accepted.Count)
                {
                    // The import's record commits after every batch of its rows has.
                    while (inFlight.Count > 0) written.AddRange(await inFlight.Dequeue().WrittenAsync());
                    var record = Record(written.Count + batch.Rows.Count);
                    await store.AppendAsync([.. batch.Appends, new StreamAppend(importId, StreamType, ExpectedVersion.NoStream, [record])], options, ct);
                    return CustomerImportReport.From(record, request.Metadata.ActorId, clock.GetUtcNow());
                }
                if (batch.Appends.Count == 0) continue;
                // Batches hold only new streams, so two can commit side by side; deciding stays sequential
                // (the in-file duplicate check needs every earlier row). At most two in flight: one writing, one being decided.
                if (inFlight.Count >= MaxBatchesInFlight) written.AddRange(await inFlight.Dequeue().WrittenAsync());
                inFlight.Enqueue(new PendingBatch(store.AppendAsync(batch.Appends, options, ct), batch.Rows));
            }
        }
        catch (Exception error) when (IsWriteFailure(error))
        {
            // A batch failed to commit (the database went away, or a row's stream was taken meanwhile):
            // the batches in flight settle, nothing more is written, and the import's record says which
            // rows were written and that the others were not — so written customers are never left
            // without the import that wrote them. A batch whose commit failed counts as not written;
            // importing the file again finds any of its rows that did commit as duplicates.
            while (inFlight.Count > 0)
            {
                try { written.AddRange(await inFlight.Dequeue().WrittenAsync()); }
                catch (Exception e) when (IsWriteFailure(e)) { /* its rows are reported below */ }
            }
            var done = written.ToHashSet();
            var refused = failures.Select(f => f.Row).ToHashSet();
            foreach (var row in accepted.Where(r => !done.Contains(r.RowNumber) && !refused.Contains(r.RowNumber)))
            {
                failures.Add(new ImportRowFailure(row.RowNumber, "row", "not_written",
                    "The import stopped before this row was written (a database error). Import the file again: rows already written are found as duplicates."));
            }
            var record = Record(done.Count);
            try
            {
                await store.AppendAsync(new StreamAppend(importId, StreamType, ExpectedVersion.NoStream, [record]), options, ct);
            }
            catch (Exception e) when (IsWriteFailure(e))
            {
                // Not even the record can be written: the request fails with the first error.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
            return CustomerImportReport.From(record, request.Metadata.ActorId, clock.GetUtcNow());
        }
    }

    private static bool IsWriteFailure(Exception e) => e is NpgsqlException or ConcurrencyException or StreamArchivedException or TimeoutException;

    /// <summary>One batch's accepted rows decided: the appends of those that pass, their row numbers; refusals go to <paramref name="failures"/>.</summary>
    private async Task<(List<StreamAppend> Appends, List<int> Rows)> DecideBatchAsync(
        List<ImportRowResult> batch, bool createAnyway, InFileDuplicates seen, CommandContext context, List<ImportRowFailure> failures, CancellationToken ct)
    {
        var existing = await ExistingDuplicatesAsync(batch, ct);
        var appends = new List<StreamAppend>(batch.Count + 1);
        var rowNumbers = new List<int>(batch.Count);
        foreach (var row in batch)
        {
            var command = row.Command!;
            if (!createAnyway && seen.Earlier(command.Fields) is { } earlier)
            {
                failures.Add(new ImportRowFailure(row.RowNumber, earlier.Field, "duplicate_in_file", $"Row {earlier.Row} of this file has the same {earlier.Field}."));
                continue;
            }
            var candidates = existing.GetValueOrDefault(row.RowNumber);
            var decision = Customer.Decide(command with { Duplicates = candidates, CreateAnyway = createAnyway }, CustomerState.None, context);
            if (decision.Error is { Code: DuplicateCheck.Code } duplicate)
            {
                // The report names the field that matched; which records matched is for a search in the caller's scope to show.
                failures.Add(new ImportRowFailure(row.RowNumber, candidates![0].MatchedOn[0], duplicate.Code, duplicate.Message));
                continue;
            }
            if (decision.Error is { } error)
            {
                failures.AddRange(error.Errors.Count > 0
                    ? error.Errors.Select(f => new ImportRowFailure(row.RowNumber, f.Field, f.Code, f.Message))
                    : [new ImportRowFailure(row.RowNumber, error.Field ?? "row", error.Code, error.Message)]);
                continue;
            }
            seen.Add(row.RowNumber, command.Fields);
            appends.Add(new StreamAppend(command.CustomerId, Customer.StreamType, ExpectedVersion.NoStream, decision.Events));
            rowNumbers.Add(row.RowNumber);
        }
        return (appends, rowNumbers);
    }

    /// <summary>A batch of rows whose append is in flight.</summary>
    private sealed record PendingBatch(Task<AppendResult> Append, List<int> Rows)
    {
        public async Task<List<int>> WrittenAsync()
        {
            await Append;
            return Rows;
        }
    }

    public async Task<CustomerImportReport?> ReportAsync(Guid importId, CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(importId, ct: ct);
        return events.Count > 0 && events[0].Data is CustomersImported e ? CustomerImportReport.From(e, events[0].Metadata.ActorId, events[0].Timestamp) : null;
    }

    /// <summary>Existing customers and open leads with the same name, phone or e-mail as each row: one query per batch.</summary>
    private async Task<Dictionary<int, IReadOnlyList<DuplicateCandidate>>> ExistingDuplicatesAsync(List<ImportRowResult> batch, CancellationToken ct)
    {
        var rowNumbers = batch.Select(r => r.RowNumber).ToArray();
        var names = batch.Select(r => Norm(r.Command!.Fields.Name)).ToArray();
        var emails = batch.Select(r => Norm(r.Command!.Fields.Email)).ToArray();
        var phones = batch.Select(r => Digits(r.Command!.Fields.Phone)).ToArray();
        await using var cmd = dataSource.CreateCommand(
            """
            with i as (select * from unnest(@rows::int[], @names::text[], @emails::text[], @phones::text[]) as t(row, n, e, p))
            -- LATERAL: one index probe per row and key (lower(name), lower(email), phone digits, lower(company)), never a
            -- hash join that computes the expressions over the whole table for every batch.
            select i.row, m.kind, m.id, m.name, m.field from i cross join lateral (
                select 'customer' as kind, c.id, c.name, 'name' as field from crm.customers c where i.n is not null and lower(c.name) = i.n
                union all select 'customer', c.id, c.name, 'email' from crm.customers c where i.e is not null and lower(c.email) = i.e
                union all select 'customer', c.id, c.name, 'phone' from crm.customers c where i.p is not null and regexp_replace(c.phone, '\D', '', 'g') = i.p
                union all select 'lead', l.id, coalesce(l.company, l.name), 'name' from crm.leads l where i.n is not null and lower(l.name) = i.n and l.converted_customer_id is null
                union all select 'lead', l.id, coalesce(l.company, l.name), 'name' from crm.leads l where i.n is not null and lower(l.company) = i.n and l.converted_customer_id is null
                union all select 'lead', l.id, coalesce(l.company, l.name), 'email' from crm.leads l where i.e is not null and lower(l.email) = i.e and l.converted_customer_id is null
                union all select 'lead', l.id, coalesce(l.company, l.name), 'phone' from crm.leads l where i.p is not null and regexp_replace(l.phone, '\D', '', 'g') = i.p and l.converted_customer_id is null
            ) m
            """);
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("rows", rowNumbers));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("names", names));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("emails", emails));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("phones", phones));
        var matches = new List<(int Row, string Kind, Guid Id, string Name, string Field)>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) matches.Add((reader.GetInt32(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4)));
        }
        return matches.GroupBy(m => m.Row).ToDictionary(g => g.Key, g => (IReadOnlyList<DuplicateCandidate>)g.GroupBy(m => m.Id)
            .Select(c => new DuplicateCandidate(c.First().Kind, c.Key, c.First().Name, c.Select(m => m.Field).Distinct().ToList())).Take(20).ToList());
    }

    internal static string? Norm(string? text) => Crm.Projections.Customers.DuplicateKeys.Name(text);

    internal static string? Digits(string? phone) => Crm.Projections.Customers.DuplicateKeys.Phone(phone);

    /// <summary>Rows of this file already accepted, by name, e-mail and phone digits: two rows of one file are duplicates too.</summary>
    private sealed class InFileDuplicates
    {
        private readonly Dictionary<string, int> names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> emails = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> phones = new(StringComparer.Ordinal);

        public (int Row, string Field)? Earlier(CustomerInput fields)
        {
            if (Norm(fields.Name) is { } n && names.TryGetValue(n, out var r1)) return (r1, "name");
            if (Norm(fields.Email) is { } e && emails.TryGetValue(e, out var r2)) return (r2, "email");
            if (Digits(fields.Phone) is { } p && phones.TryGetValue(p, out var r3)) return (r3, "phone");
            return null;
        }

        public void Add(int row, CustomerInput fields)
        {
            if (Norm(fields.Name) is { } n) names.TryAdd(n, row);
            if (Norm(fields.Email) is { } e) emails.TryAdd(e, row);
            if (Digits(fields.Phone) is { } p) phones.TryAdd(p, row);
        }
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

using Crm.Events.Imports;
using Crm.Events;
using Crm.EventStore;
using Crm.Projections.Customers;
using Crm.Write.Access;
using System.Data.Common;

namespace Crm.Write.Customers;

/// <summary>An import of a parsed CSV (CUS-9): the rows as the Host's parser read them, for <paramref name="OwnerId"/>.</summary>
public sealed record ImportCustomers(Guid ImportId, string? FileName, Guid OwnerId, bool CreateAnyway, IReadOnlyList<ImportRowResult> Rows);

/// <summary>
/// Writes an import (CUS-9). Rows are checked and written in batches: each batch of accepted rows is
/// ONE multi-stream append (one new customer stream per row), so a row is either fully written or not
/// at all, and 100,000 rows take a hundred round trips, not 100,000. The import's own record (an
/// "import" stream) is appended with the last batch. The outcome's one event is that record.
/// </summary>
public sealed class CustomerImportHandler(
    EventStore.EventStore store, ImportDuplicateQueries duplicates, Receivers receivers, TimeProvider clock, CustomFields.CustomFieldFacts? customFields = null)
{
    public const int BatchSize = 1_000;
    public const int MaxBatchesInFlight = 2;
    public const string StreamType = "import";

    /// <summary>
    /// Another owner than the caller must be able to receive customers from them: the one receiver rule, naming ownerId
    /// (user_unusable / user_out_of_scope 422). Null when the owner may be given the import's customers.
    /// </summary>
    public async Task<DomainError?> CheckOwnerAsync(Guid ownerId, Caller caller, CancellationToken ct) =>
        ownerId == caller.ActorId ? null : await receivers.CheckAsync(ownerId, "ownerId", caller.VisibleOwners("customer.import"), ct);

    public async Task<CommandOutcome> ImportAsync(ImportCustomers command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        if (await CheckOwnerAsync(command.OwnerId, caller, ct) is { } badOwner) return CommandOutcome.Refused(command.ImportId, badOwner);
        return new CommandOutcome(command.ImportId, 1, false, [await WriteAsync(command, request, ct)], null);
    }

    /// <summary>The import's writing, for a caller already checked (and for the benchmark): answers the import's record.</summary>
    public async Task<CustomersImported> WriteAsync(ImportCustomers command, CommandRequest request, CancellationToken ct)
    {
        var rows = command.Rows;
        var failures = new List<ImportRowFailure>();
        foreach (var bad in rows.Where(r => !r.Succeeded))
            failures.AddRange(bad.Errors.Select(e => new ImportRowFailure(bad.RowNumber, e.Field, e.Code, e.Message)));
        var accepted = rows.Where(r => r.Succeeded).ToList();
        var seen = new ImportedRowKeys();
        var context = CommandContexts.For(clock, request);
        var options = new AppendOptions { Metadata = request.Metadata with { CorrelationId = command.ImportId.ToString() } };
        var inFlight = new Queue<PendingBatch>();
        var written = new List<int>();

        CustomersImported Record(int succeeded)
        {
            failures.Sort((x, y) => x.Row.CompareTo(y.Row));
            return new CustomersImported(command.ImportId, command.FileName, command.OwnerId, rows.Count, succeeded, rows.Count - succeeded, failures);
        }

        try
        {
            for (var start = 0; ; start += BatchSize)
            {
                var batch = await DecideBatchAsync(accepted.Skip(start).Take(BatchSize).ToList(), command.CreateAnyway, seen, context, failures, ct);
                if (start + BatchSize >= accepted.Count)
                {
                    // The import's record commits after every batch of its rows has.
                    while (inFlight.Count > 0) written.AddRange(await inFlight.Dequeue().WrittenAsync());
                    var record = Record(written.Count + batch.Rows.Count);
                    var own = new StreamAppend(command.ImportId, StreamType, ExpectedVersion.NoStream, [record]);
                    await store.AppendAsync([.. batch.Appends, own], options, ct);
                    return record;
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
                await store.AppendAsync(new StreamAppend(command.ImportId, StreamType, ExpectedVersion.NoStream, [record]), options, ct);
            }
            catch (Exception e) when (IsWriteFailure(e))
            {
                // Not even the record can be written: the request fails with the first error.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
            return record;
        }
    }

    private static bool IsWriteFailure(Exception e) => e is DbException or ConcurrencyException or StreamArchivedException or TimeoutException;

    /// <summary>One batch's accepted rows decided: the appends of those that pass, their row numbers; refusals go to <paramref name="failures"/>.</summary>
    private async Task<(List<StreamAppend> Appends, List<int> Rows)> DecideBatchAsync(
        List<ImportRowResult> batch, bool createAnyway, ImportedRowKeys seen, CommandContext context, List<ImportRowFailure> failures, CancellationToken ct)
    {
        var existing = await ExistingDuplicatesAsync(batch, ct);
        // The custom fields (SET-1) once per batch; a row's unique and user values are looked up as a single create's are, without its lock.
        var fields = customFields is null ? null : await customFields.FieldsAsync("customer", ct);
        var appends = new List<StreamAppend>(batch.Count + 1);
        var rowNumbers = new List<int>(batch.Count);
        foreach (var row in batch)
        {
            var command = row.Command!;
            if (!createAnyway && seen.Earlier(command.Fields) is { } earlier)
            {
                var message = $"Row {earlier.Row} of this file has the same {earlier.Field}.";
                failures.Add(new ImportRowFailure(row.RowNumber, earlier.Field, "duplicate_in_file", message));
                continue;
            }
            var candidates = existing.GetValueOrDefault(row.RowNumber);
            CustomFields.CustomFacts? custom = null;
            if (customFields is not null)
            {
                var (check, badCustom) = await customFields.PrepareAsync("customer", command.CustomerId, command.Fields.Custom, true, ct, fields);
                if (badCustom is not null)
                {
                    failures.Add(new ImportRowFailure(row.RowNumber, badCustom.Field ?? "custom", badCustom.Code, badCustom.Message));
                    continue;
                }
                custom = await check.ReadAsync(ct);
            }
            var decision = Customer.Decide(command with { Duplicates = candidates, CreateAnyway = createAnyway, Custom = custom }, CustomerState.None,
                context);
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

    /// <summary>Existing customers and open leads with the same name, phone or e-mail as each row: one query per batch.</summary>
    private async Task<Dictionary<int, IReadOnlyList<DuplicateCandidate>>> ExistingDuplicatesAsync(List<ImportRowResult> batch, CancellationToken ct)
    {
        var keys = batch.Select(r => new ImportKeys(r.RowNumber, Norm(r.Command!.Fields.Name), Norm(r.Command.Fields.Email), Digits(r.Command.Fields.Phone)));
        var matches = await duplicates.MatchAsync(keys.ToList(), ct);
        return matches.GroupBy(m => m.Row).ToDictionary(g => g.Key, g => (IReadOnlyList<DuplicateCandidate>)g.GroupBy(m => m.Id)
            .Select(c => new DuplicateCandidate(c.First().Kind, c.Key, c.First().Name, c.Select(m => m.Field).Distinct().ToList())).Take(20).ToList());
    }

    // The one duplicate-key normaliser (names and e-mails trimmed and lower-cased, a phone's digits from 5 on).
    internal static string? Norm(string? text) => Crm.Projections.Customers.DuplicateKeys.Name(text);

    internal static string? Digits(string? phone) => Crm.Projections.Customers.DuplicateKeys.Phone(phone);
}

using Crm.Events;
using Crm.EventStore;

namespace Crm.Write.Imports;

/// <summary>
/// Writes an import's parsed rows one at a time through the kind's own create (its handler: duplicate checks and their locks,
/// owner scope, a contact's customer and its version check), so an imported record is made exactly as the API makes one. Each row
/// is its own command, tagged with the import's id as correlation id; a refused row's faults go to the report. Slower than the
/// customer and product imports' batched appends (one round trip per row), which decide rows in bulk; the kinds imported this way
/// have rules across records (a contact's customer) that a bulk decision would have to copy.
/// </summary>
public static class RowByRowImport
{
    /// <summary>The rows written and every fault of the rows refused, in row order.</summary>
    public static async Task<(int Written, List<ImportRowFailure> Failures)> WriteAsync<TCommand>(
        Guid importId, IReadOnlyList<ImportRowVerdict<TCommand>> rows, Func<TCommand, CommandRequest, Task<CommandOutcome>> create,
        CommandRequest request, CancellationToken ct) where TCommand : class
    {
        var rowRequest = new CommandRequest { Metadata = request.Metadata with { CorrelationId = importId.ToString() } };
        var failures = new List<ImportRowFailure>();
        var written = 0;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            if (row.Command is not { } command)
            {
                failures.AddRange(row.Errors.Select(e => new ImportRowFailure(row.RowNumber, e.Field, e.Code, e.Message)));
                continue;
            }
            var outcome = await create(command, rowRequest);
            if (outcome.Error is not { } error)
            {
                written++;
                continue;
            }
            failures.AddRange(error.Errors.Count > 0
                ? error.Errors.Select(f => new ImportRowFailure(row.RowNumber, f.Field, f.Code, f.Message))
                : [new ImportRowFailure(row.RowNumber, error.Field ?? "row", error.Code, error.Message)]);
        }
        return (written, failures);
    }

    /// <summary>Appends the import's record to its own stream (type "import") after its rows.</summary>
    public static Task RecordAsync(EventStore.EventStore store, Guid importId, object record, CommandRequest request, CancellationToken ct) =>
        store.AppendAsync(new StreamAppend(importId, Customers.CustomerImportHandler.StreamType, ExpectedVersion.NoStream, [record]),
            new AppendOptions { Metadata = request.Metadata with { CorrelationId = importId.ToString() } }, ct);
}

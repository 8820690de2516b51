using Crm.Events.Imports;
using Crm.Write;
using Crm.Write.Customers;
using Crm.Host.Platform;

namespace Crm.Host.Customers;

/// <summary>
/// Customer import from CSV (CUS-9), its transport side: the whole file is parsed first (so a file over
/// the row limit or without a header writes nothing); the rows are then checked and written in batches
/// by <see cref="CustomerImportHandler"/>; the import's report is read back from its stream.
/// </summary>
public sealed class CustomerImporter(CustomerImportHandler handler, EventStore.EventStore store, TimeProvider clock)
{
    public const int MaxRows = CsvImportFile.MaxRows;

    // Columns an export writes that an import does not take (the server owns them); a re-imported export just works.
    private static readonly HashSet<string> ExportOnlyColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "ownerId", "locked", "followUpStatus", "lastFollowUpAt", "nextContactAt", "createdAt", "updatedAt",
    };

    /// <summary>Reads the CSV; null and a problem when the file itself is unusable (no header, too many rows, not CSV).</summary>
    public static Task<(List<ImportRowResult>? Rows, DomainError? Error)> ParseAsync(TextReader text, Guid ownerId) =>
        CsvImportFile.ParseAsync(text, ExportOnlyColumns, (number, row) => CustomerImportRow.Parse(number, row, Guid.CreateVersion7(), ownerId),
            (number, fault) => new ImportRowResult(number, null, [fault]), MaxRows);

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

    /// <summary>Reads a text body as UTF-8 (a byte-order mark, as Excel writes, is honoured); bytes that are not UTF-8 throw.</summary>
    public static StreamReader Reader(Stream stream) => CsvImportFile.Reader(stream);
}

namespace Crm.Events.Imports;

/// <summary>
/// A CSV import of customers finished (CUS-9), in the import's own stream (type "import"): who ran it
/// (event metadata), when, how many rows were read, written and refused, and each refused row's
/// faults. The customers it wrote carry the import's id as their correlation id.
/// </summary>
public sealed record CustomersImported(
    Guid ImportId, string? FileName, Guid OwnerId, int TotalRows, int Succeeded, int Failed, IReadOnlyList<ImportRowFailure> Failures);

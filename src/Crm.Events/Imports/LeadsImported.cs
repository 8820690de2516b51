namespace Crm.Events.Imports;

/// <summary>
/// A CSV import of leads finished (issue 16), in the import's own stream (type "import", as <see cref="CustomersImported"/>): who ran
/// it (event metadata), for which owner, how many rows were read, written and refused, and each refused row's faults. The leads it
/// wrote carry the import's id as their correlation id.
/// </summary>
public sealed record LeadsImported(
    Guid ImportId, string? FileName, Guid OwnerId, int TotalRows, int Succeeded, int Failed, IReadOnlyList<ImportRowFailure> Failures);

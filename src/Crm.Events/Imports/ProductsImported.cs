namespace Crm.Events.Imports;

/// <summary>
/// A CSV import of products finished (SAL-1), in the import's own stream (type "import", as <see cref="CustomersImported"/>): who
/// ran it (event metadata), when, how many rows were read, written and refused, and each refused row's faults. The products it
/// wrote carry the import's id as their correlation id. Products have no owner, so the record has none.
/// </summary>
public sealed record ProductsImported(Guid ImportId, string? FileName, int TotalRows, int Succeeded, int Failed, IReadOnlyList<ImportRowFailure> Failures);

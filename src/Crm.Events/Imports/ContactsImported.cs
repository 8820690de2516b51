namespace Crm.Events.Imports;

/// <summary>
/// A CSV import of contacts finished (issue 16), in the import's own stream (type "import", as <see cref="CustomersImported"/>): who
/// ran it (event metadata), how many rows were read, written and refused, and each refused row's faults. Each row names its
/// customer, whose owner the contact gets; the contacts it wrote carry the import's id as their correlation id.
/// </summary>
public sealed record ContactsImported(Guid ImportId, string? FileName, int TotalRows, int Succeeded, int Failed, IReadOnlyList<ImportRowFailure> Failures);

using Crm.Host.Platform;
using Crm.Events.Imports;

namespace Crm.Host.Customers;

/// <summary>What an import did: rows read, written and refused, and why each refused row was refused.</summary>
public sealed record CustomerImportReport(
    Guid Id, string? FileName, Guid OwnerId, Guid? ImportedBy, DateTimeOffset ImportedAt, int TotalRows, int Succeeded, int Failed,
    IReadOnlyList<ImportRowReport> Failures)
{
    public static CustomerImportReport From(CustomersImported e, Guid? actor, DateTimeOffset at) => new(
        e.ImportId, e.FileName, e.OwnerId, actor, at, e.TotalRows, e.Succeeded, e.Failed, ImportRowReport.Of(e.Failures));
}

/// <summary>Which customers to export: the same filter tree, sort and free text as POST /api/customers/search; all optional.</summary>
/// <param name="Filter">A filter tree over the customer fields, e.g. {"and":[{"field":"level","op":"eq","value":"A"}]}.</param>
/// <param name="Sort">updatedAt, createdAt or name; prefix - for descending (default -updatedAt).</param>
/// <param name="Q">Free text inside name, phone and e-mail.</param>
public sealed record CustomerExportRequest(System.Text.Json.JsonElement? Filter, [property: SortKey] string? Sort, string? Q);

using Crm.Host.Platform;
using Crm.Events.Imports;

namespace Crm.Host.Customers;

/// <summary>One fault of a refused row.</summary>
public sealed record ImportFieldFault(string Field, string Code, string Message);

/// <summary>A refused row (1-based data row, the header not counted) with every fault found in it.</summary>
public sealed record ImportRowReport(int Row, IReadOnlyList<ImportFieldFault> Errors);

/// <summary>What an import did: rows read, written and refused, and why each refused row was refused.</summary>
public sealed record CustomerImportReport(
    Guid Id, string? FileName, Guid OwnerId, Guid? ImportedBy, DateTimeOffset ImportedAt, int TotalRows, int Succeeded, int Failed,
    IReadOnlyList<ImportRowReport> Failures)
{
    public static CustomerImportReport From(CustomersImported e, Guid? actor, DateTimeOffset at) => new(
        e.ImportId, e.FileName, e.OwnerId, actor, at, e.TotalRows, e.Succeeded, e.Failed,
        e.Failures.GroupBy(f => f.Row).OrderBy(g => g.Key)
            .Select(g => new ImportRowReport(g.Key, g.Select(f => new ImportFieldFault(f.Field, f.Code, f.Message)).ToList())).ToList());
}

/// <summary>Which customers to export: the same filter tree, sort and free text as POST /api/customers/search; all optional.</summary>
/// <param name="Filter">A filter tree over the customer fields, e.g. {"and":[{"field":"level","op":"eq","value":"A"}]}.</param>
/// <param name="Sort">updatedAt, createdAt or name; prefix - for descending (default -updatedAt).</param>
/// <param name="Q">Free text inside name, phone and e-mail.</param>
public sealed record CustomerExportRequest(System.Text.Json.JsonElement? Filter, [property: SortKey] string? Sort, string? Q);

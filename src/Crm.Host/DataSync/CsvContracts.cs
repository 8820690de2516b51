using System.Text.Json;
using Crm.Events.Imports;
using Crm.Host.Platform;

namespace Crm.Host.DataSync;

/// <summary>What a lead import did: rows read, written and refused, and why each refused row was refused.</summary>
public sealed record LeadImportReport(
    Guid Id, string? FileName, Guid OwnerId, Guid? ImportedBy, DateTimeOffset ImportedAt, int TotalRows, int Succeeded, int Failed,
    IReadOnlyList<ImportRowReport> Failures)
{
    public static LeadImportReport From(LeadsImported e, Guid? actor, DateTimeOffset at) => new(
        e.ImportId, e.FileName, e.OwnerId, actor, at, e.TotalRows, e.Succeeded, e.Failed, ImportRowReport.Of(e.Failures));
}

/// <summary>What a contact import did: rows read, written and refused, and why each refused row was refused.</summary>
public sealed record ContactImportReport(
    Guid Id, string? FileName, Guid? ImportedBy, DateTimeOffset ImportedAt, int TotalRows, int Succeeded, int Failed, IReadOnlyList<ImportRowReport> Failures)
{
    public static ContactImportReport From(ContactsImported e, Guid? actor, DateTimeOffset at) => new(
        e.ImportId, e.FileName, actor, at, e.TotalRows, e.Succeeded, e.Failed, ImportRowReport.Of(e.Failures));
}

/// <summary>Which leads to export: the filter tree, sort and free text of POST /api/leads/search; all optional.</summary>
/// <param name="Filter">A filter tree over the lead fields, e.g. {"and":[{"field":"source","op":"eq","value":"web"}]}.</param>
/// <param name="Sort">updatedAt, createdAt or name; prefix - for descending (default -updatedAt).</param>
/// <param name="Q">Free text inside name, company, phone and e-mail.</param>
public sealed record LeadExportRequest(JsonElement? Filter, [property: SortKey] string? Sort, string? Q);

/// <summary>Which contacts to export: the filter tree, sort and free text of POST /api/contacts/search; all optional.</summary>
/// <param name="Filter">A filter tree over the contact fields.</param>
/// <param name="Sort">updatedAt, createdAt or name; prefix - for descending (default -updatedAt).</param>
/// <param name="Q">Free text inside name, phone and e-mail.</param>
public sealed record ContactExportRequest(JsonElement? Filter, [property: SortKey] string? Sort, string? Q);

using Crm.Host.Platform;

namespace Crm.Host.DataSync;

/// <summary>The OpenAPI prose of the lead and contact CSV routes (docs/integration.md, "Import and export").</summary>
public static class CsvApiDocs
{
    private const string File = "Send the CSV as the body (text/csv) or as a form's file (multipart/form-data), UTF-8, with a header row, at most "
        + "100,000 rows; headers in any case, in English or Chinese. A file that is not usable (no header, not UTF-8, not CSV, too many rows) "
        + "writes nothing: 400 naming file. Every other row is created as the single POST would create it, one at a time: a refused row does "
        + "not stop the others, and the report (201, also at its Location) lists each refused row with every field at fault and why. "
        + "A cell a spreadsheet would run as a formula is refused (formula_refused) unless written with ' in front. ";

    public static readonly ApiDoc ImportLeads = new("Import leads from CSV",
        File + "Columns: name (required), company, phone, email, source, industry, level, address, remark; the read-only columns of an export "
        + "are ignored. ownerId (default: you) must be in your lead.import scope (422). Rows that look like existing leads or customers or "
        + "earlier rows fail duplicate_suspected unless createAnyway=true.")
    { Status = StatusCodes.Status201Created, Problems = [400, 415, 422] };

    public static readonly ApiDoc ImportContacts = new("Import contacts from CSV",
        File + "Columns: customerId (required: the id of the contact's customer, which must be one you may add contacts to; the contact gets "
        + "its owner), name (required), title, phone, email, address, remark; the read-only columns of an export are ignored.")
    { Status = StatusCodes.Status201Created, Problems = [400, 415] };

    public static readonly ApiDoc LeadReport = new("A lead import's report",
        "The import as recorded when it finished: rows read, written and refused, and each refused row's faults. Only for whoever ran it "
        + "or a user whose lead.import scope holds its owner; otherwise 404 import_not_found.")
    { Problems = [404] };

    public static readonly ApiDoc ContactReport = new("A contact import's report",
        "The import as recorded when it finished: rows read, written and refused, and each refused row's faults. Only for whoever ran it; "
        + "otherwise 404 import_not_found.")
    { Problems = [404] };

    public static ApiDoc Export(string kinds, IReadOnlyList<string> columns) => new($"Export the {kinds} in your scope as CSV",
        $"Every {kinds[..^1]} matching the (optional) filter tree, sort and q of POST /api/{kinds}/search, within your {kinds[..^1]}.export scope, "
        + $"streamed as UTF-8 CSV with a header row: {string.Join(", ", columns)}. Cells a spreadsheet would run as formulas are written "
        + $"with ' in front. The file re-imports as is: POST /api/{kinds}/import ignores the read-only columns.")
    { Request = """{"sort":"name","q":"acme"}""", Problems = [400] };
}

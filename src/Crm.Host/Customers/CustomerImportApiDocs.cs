using Crm.Host.Platform;

namespace Crm.Host.Customers;

/// <summary>What the OpenAPI document says about the customer import (CUS-9), beside its route table.</summary>
internal static class CustomerImportApiDocs
{
    private const string Report = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f01","fileName":"customers.csv","ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
         "importedBy":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","importedAt":"2026-03-01T09:00:00+00:00","totalRows":3,"succeeded":1,"failed":2,
         "failures":[{"row":2,"errors":[{"field":"email","code":"email_invalid","message":"email is not a valid e-mail address."}]},
         {"row":3,"errors":[{"field":"name","code":"duplicate_in_file","message":"Row 1 of this file has the same name."}]}]}
        """;

    public static readonly ApiDoc Import = new("Import customers from CSV",
        "Send the CSV as the body (Content-Type: text/csv) or as the first file of a multipart/form-data upload. The first row names the "
        + "columns, in English or Chinese (name/客户名称, level, industry, source, region, address, phone, email, website, remark, tags "
        + "separated by ';'); the read-only columns of an export (id, ownerId, locked, followUpStatus, createdAt, updatedAt …) are ignored. "
        + $"At most {CustomerImporter.MaxRows} rows. Each row is checked on its own: rows that pass are written (in batches, one transaction "
        + "per batch), rows that fail are not, and the answer reports each failed row with every field at fault (also duplicates of existing "
        + "customers or open leads — same name, phone or e-mail — and of earlier rows of the file, unless createAnyway=true). ownerId "
        + "(default: you) must be inside your customer.import scope. The report stays readable at GET /api/customers/imports/{id}.")
    { Response = Report, Status = StatusCodes.Status201Created, Problems = [400, 413, 415, 422] };

    public static readonly ApiDoc GetReport = new("The report of a customer import",
        "Who imported, when, how many rows were read, written and refused, and each refused row's faults. Visible to the importer and to "
        + "callers whose customer.import scope includes the imported customers' owner.")
    { Response = Report, Problems = [404] };
}

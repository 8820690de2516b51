using Crm.Host.Platform;

namespace Crm.Host.Products;

/// <summary>What the OpenAPI document says about each product operation (SAL-1), beside the route tables.</summary>
internal static class ProductApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5a01","code":"CRM-PRO","name":"CRM Professional","categoryId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5b01",
        "unit":"seat","price":1280.00,"currency":"CNY","description":"Per seat and year","custom":{"warranty":"1 year"},"onShelf":false,"version":1,
        "createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
        """;

    private const string Page = $$"""{"items":[{{Example}}],"nextCursor":null,"total":null}""";

    public static readonly ApiDoc Create = new("Create a product",
        "A product starts off shelf. code is unique among live products (compared upper case; 409 product_code_taken naming code, also when two "
        + "creates race for one code); price is a JSON number ≥ 0 with at most two decimals, currency an ISO 4217 code (default CNY: there is no "
        + "currency setting yet); custom a JSON object of at most 64 KiB. categoryId must name a category (422). With Idempotency-Key, a retry "
        + "answers the first response.")
    {
        Request = """{"name":"CRM Professional","code":"crm-pro","unit":"seat","price":1280.00,"currency":"CNY","custom":{"warranty":"1 year"}}""",
        Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 409, 422],
    };

    public static readonly ApiDoc List = new("List products",
        "Keyset paging (limit defaults to and is capped by listPageSize), sort updatedAt|createdAt|name with '-' for descending, q inside name "
        + "and code, category (with its sub-categories), onShelf; includeTotal=true adds total. Products are not owner-scoped.")
    { Response = Page, Problems = [400] };

    public static readonly ApiDoc Search = new("Search products with a JSON filter tree",
        "As POST /api/customers/search, over name, code, unit, price, currency, description, categoryId, onShelf, createdAt, updatedAt (price: eq ne gt "
        + "gte lt lte between, JSON numbers of at most 2 decimals); also q, category, onShelf, sort, limit, cursor and includeTotal.")
    {
        Request = """{"filter":{"and":[{"field":"onShelf","op":"eq","value":true},{"field":"price","op":"between","value":[10,99.5]}]},"sort":"name"}""",
        Response = Page, Problems = [400],
    };

    public static readonly ApiDoc Get = new("Read a product, now or as it was",
        "ETag is the product's version; ?version=n or ?asOf=<ISO 8601> for time travel.")
    { Response = Example, Problems = [400, 404] };

    public static readonly ApiDoc Update = new("Change a product's fields",
        "Only the fields sent change (an empty string clears a text field or the category; custom replaces the object, {} clears it); one "
        + "event names each changed field old → new (price as \"1280.00 CNY\"). If-Match → 412 when stale.")
    { Request = """{"price":1180.00}""", Response = Example, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc Delete = new("Delete a product",
        "The product leaves the lists and its code becomes free; its history stays readable, and opportunity lines keep their snapshot.")
    { Status = StatusCodes.Status204NoContent, Problems = [404, 412] };

    public static readonly ApiDoc History = new("A product's operation log",
        "One entry per event, oldest first, with actor, time, action (created, edited, shelved, unshelved, deleted) and fields old → new.")
    {
        Response = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5a01","items":[{"version":2,"at":"2026-03-01T10:00:00+00:00","action":"edited",
            "eventType":"product.edited","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":null,
            "changes":[{"field":"price","old":"1280.00 CNY","new":"1180.00 CNY"}]}]}
            """,
        Problems = [404],
    };

    public static readonly ApiDoc Shelve = new("Put a product on shelf (上架)",
        "Only products on shelf can be put on new opportunity and contract lines. Already on shelf: nothing is written.")
    { Response = Example, Problems = [404, 412] };

    public static readonly ApiDoc Unshelve = new("Take a product off shelf (下架)",
        "Existing lines keep the product; new lines refuse it. Already off shelf: nothing is written.")
    { Response = Example, Problems = [404, 412] };

    public static readonly ApiDoc Export = new("Export products as CSV",
        "Every product matching sort, q, category and onShelf, streamed as UTF-8 CSV with a header row: "
        + string.Join(", ", ProductCsvEndpoints.Columns) + ". Cells a spreadsheet would run as a formula are written with a leading '. "
        + "The file re-imports as is (POST /api/products/import ignores id, createdAt and updatedAt).")
    { Problems = [400] };

    private const string ImportReport = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5f01","fileName":"products.csv","importedBy":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
        "importedAt":"2026-03-01T09:00:00+00:00","totalRows":2,"succeeded":1,"failed":1,
        "failures":[{"row":2,"errors":[{"field":"code","code":"duplicate_in_file","message":"Row 1 of this file has the same code."}]}]}
        """;

    public static readonly ApiDoc Import = new("Import products from CSV",
        "Send the CSV as the body (text/csv) or as the first file of a multipart/form-data upload. The first row names the columns, in English "
        + "or Chinese (code/产品编码, name/产品名称, categoryId, unit, price, currency, description, custom as a JSON object, onShelf true/false). "
        + $"At most {CsvImportFile.MaxRows} rows. Each row is checked on its own: rows that pass are written, rows that fail are not, and the "
        + "answer reports each failed row with every field at fault — a code a live product or an earlier row of the file holds too "
        + "(product_code_taken, duplicate_in_file), a formula-like cell (formula_refused).")
    {
        Response = ImportReport,
        Problems = [400, 413, 415],
    };

    public static readonly ApiDoc GetImportReport = new("The report of a product import",
        "Who imported, when, how many rows were read, written and refused, and each refused row's faults, as the import answered. Products "
        + "are not owner-scoped: every holder of product.import reads every product import's report.")
    { Response = ImportReport, Problems = [404] };
}

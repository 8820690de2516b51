using Crm.Write.Imports;

namespace Crm.Write.Customers;

/// <summary>One CSV row's verdict: the command to run, or every (field, message) that is wrong with it.</summary>
public sealed record ImportRowResult(int RowNumber, CreateCustomer? Command, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Command is not null;
}

/// <summary>
/// Import of customers from CSV (CUS-9), one row at a time: a pure function from the row's
/// header → text to a create command or the list of faults, so an import reports exactly which rows
/// failed and why. Headers are matched case-insensitively, in English or Chinese; tags are separated
/// by ";" or "|" (commas separate the CSV's own columns).
/// </summary>
public static class CustomerImportRow
{
    private static readonly ImportColumns Columns = new("customer", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name", ["customer name"] = "name", ["客户名称"] = "name",
        ["level"] = "level", ["客户级别"] = "level",
        ["industry"] = "industry", ["客户行业"] = "industry",
        ["source"] = "source", ["客户来源"] = "source",
        ["region"] = "region", ["地区"] = "region",
        ["address"] = "address", ["详细地址"] = "address", ["地址"] = "address",
        ["phone"] = "phone", ["电话"] = "phone", ["手机"] = "phone",
        ["email"] = "email", ["邮箱"] = "email",
        ["website"] = "website", ["网址"] = "website",
        ["remark"] = "remark", ["备注"] = "remark",
        ["tags"] = "tags", ["标签"] = "tags",
        ["custom"] = "custom", ["自定义字段"] = "custom",
    }, new HashSet<string> { "tags" }, CustomerImportCells.DataStartsLikeAFormula);

    /// <param name="rowNumber">1-based data row number, echoed in the report.</param>
    /// <param name="customerId">The id the customer gets if the row is accepted.</param>
    /// <param name="ownerId">Who owns imported customers (the importer, or a user chosen for the import).</param>
    public static ImportRowResult Parse(int rowNumber, IReadOnlyDictionary<string, string?> row, Guid customerId, Guid ownerId)
    {
        var (values, errors) = Columns.Read(row);
        var input = new CustomerInput(
            Get("name"), Get("level"), Get("industry"), Get("source"), Get("region"), Get("address"),
            Get("phone"), Get("email"), Get("website"), Get("remark"),
            Get("tags")?.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Custom(Get("custom"), errors));
        var (_, invalid) = input.Validate();
        if (invalid is not null) errors.AddRange(invalid.Errors);
        return errors.Count > 0
            ? new ImportRowResult(rowNumber, null, errors)
            : new ImportRowResult(rowNumber, new CreateCustomer(customerId, input, ownerId), []);

        string? Get(string field) => values.GetValueOrDefault(field);
    }

    /// <summary>The custom column: one JSON object of custom values keyed by field key (as the export writes it); blank: none.</summary>
    private static System.Text.Json.JsonElement? Custom(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object) return document.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException)
        {
            // Reported below, as any other shape that is not an object.
        }
        errors.Add(new FieldError("custom", "custom_invalid", "custom is a JSON object of custom field values keyed by field key."));
        return null;
    }
}

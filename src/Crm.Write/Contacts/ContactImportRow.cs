using Crm.Write.Imports;

namespace Crm.Write.Contacts;

/// <summary>
/// One row of a contact CSV import (issue 16) as a create: the columns read by the one import rule (<see cref="ImportColumns"/>),
/// customerId the id of the contact's customer (the create checks that the importer reaches it), the fields checked by the create.
/// </summary>
public static class ContactImportRow
{
    private static readonly ImportColumns Columns = new("contact", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["customerId"] = "customerId", ["customer id"] = "customerId", ["客户ID"] = "customerId",
        ["name"] = "name", ["contact name"] = "name", ["姓名"] = "name", ["联系人姓名"] = "name",
        ["title"] = "title", ["职务"] = "title",
        ["phone"] = "phone", ["电话"] = "phone", ["手机"] = "phone",
        ["email"] = "email", ["邮箱"] = "email",
        ["address"] = "address", ["地址"] = "address",
        ["remark"] = "remark", ["备注"] = "remark",
    }, new HashSet<string>(), (field, text) => field == "phone" && ImportCells.IsPhoneNumber(text));

    public static ImportRowVerdict<AddContact> Parse(int rowNumber, IReadOnlyDictionary<string, string?> row, Guid contactId)
    {
        var (values, errors) = Columns.Read(row);
        var customer = values.GetValueOrDefault("customerId")?.Trim();
        if (!Guid.TryParse(customer, out var customerId) || customerId == Guid.Empty)
            errors.Add(new FieldError("customerId", "customer_required", "customerId is the id (UUID) of the contact's customer."));
        if (errors.Count > 0) return new ImportRowVerdict<AddContact>(rowNumber, null, errors);
        var input = new ContactInput(Get("name"), Get("title"), Get("phone"), Get("email"), Get("address"), Get("remark"));
        return new ImportRowVerdict<AddContact>(rowNumber, new AddContact(contactId, customerId, input), []);

        string? Get(string field) => values.GetValueOrDefault(field);
    }
}

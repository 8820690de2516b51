using Crm.Write.Imports;

namespace Crm.Write.Leads;

/// <summary>
/// One row of a lead CSV import (issue 16) as a create: the columns read by the one import rule (<see cref="ImportColumns"/>: any
/// case, English or Chinese headers, formula cells refused, a phone number passing), the fields checked by the create itself.
/// </summary>
public static class LeadImportRow
{
    private static readonly ImportColumns Columns = new("lead", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name", ["lead name"] = "name", ["姓名"] = "name", ["线索名称"] = "name",
        ["company"] = "company", ["公司"] = "company", ["公司名称"] = "company",
        ["phone"] = "phone", ["电话"] = "phone", ["手机"] = "phone",
        ["email"] = "email", ["邮箱"] = "email",
        ["source"] = "source", ["线索来源"] = "source", ["来源"] = "source",
        ["industry"] = "industry", ["行业"] = "industry",
        ["level"] = "level", ["级别"] = "level",
        ["address"] = "address", ["地址"] = "address",
        ["remark"] = "remark", ["备注"] = "remark",
    }, new HashSet<string>(), (field, text) => field == "phone" && ImportCells.IsPhoneNumber(text));

    public static ImportRowVerdict<AddLead> Parse(int rowNumber, IReadOnlyDictionary<string, string?> row, Guid leadId, Guid ownerId, bool createAnyway)
    {
        var (values, errors) = Columns.Read(row);
        if (errors.Count > 0) return new ImportRowVerdict<AddLead>(rowNumber, null, errors);
        var input = new LeadInput(Get("name"), Get("company"), Get("phone"), Get("email"), Get("source"), Get("industry"), Get("level"),
            Get("address"), Get("remark"));
        return new ImportRowVerdict<AddLead>(rowNumber, new AddLead(leadId, input, ownerId, createAnyway), []);

        string? Get(string field) => values.GetValueOrDefault(field);
    }
}

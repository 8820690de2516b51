namespace Crm.Write.Customers;

/// <summary>Rows of this file already accepted, by name, e-mail and phone digits: two rows of one file are duplicates too.</summary>
internal sealed class ImportedRowKeys
{
    private readonly Dictionary<string, int> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> emails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> phones = new(StringComparer.Ordinal);

    public (int Row, string Field)? Earlier(CustomerInput fields)
    {
        if (CustomerImportHandler.Norm(fields.Name) is { } n && names.TryGetValue(n, out var r1)) return (r1, "name");
        if (CustomerImportHandler.Norm(fields.Email) is { } e && emails.TryGetValue(e, out var r2)) return (r2, "email");
        if (CustomerImportHandler.Digits(fields.Phone) is { } p && phones.TryGetValue(p, out var r3)) return (r3, "phone");
        return null;
    }

    public void Add(int row, CustomerInput fields)
    {
        if (CustomerImportHandler.Norm(fields.Name) is { } n) names.TryAdd(n, row);
        if (CustomerImportHandler.Norm(fields.Email) is { } e) emails.TryAdd(e, row);
        if (CustomerImportHandler.Digits(fields.Phone) is { } p) phones.TryAdd(p, row);
    }
}

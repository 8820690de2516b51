using Crm.Events;

namespace Crm.Write.Leads;

/// <summary>Lead fields as sent: raw text. In an edit, null leaves a field as is and an empty string clears it.</summary>
public sealed record LeadInput(
    string? Name = null,
    string? Company = null,
    string? Phone = null,
    string? Email = null,
    string? Source = null,
    string? Industry = null,
    string? Level = null,
    string? Address = null,
    string? Remark = null)
{
    public LeadInput Over(LeadFields current) => new(
        Name ?? current.Name, Company ?? current.Company, Phone ?? current.Phone, Email ?? current.Email, Source ?? current.Source,
        Industry ?? current.Industry, Level ?? current.Level, Address ?? current.Address, Remark ?? current.Remark);

    public (LeadFields? Fields, DomainError? Error) Validate()
    {
        var checks = new FieldChecks();
        var fields = new LeadFields(
            checks.Text("name", Name, 100, required: true) ?? "",
            checks.Text("company", Company, 100),
            checks.Phone("phone", Phone),
            checks.Email("email", Email),
            checks.Text("source", Source, 50),
            checks.Text("industry", Industry, 50),
            checks.Text("level", Level, 30),
            checks.Text("address", Address, 200),
            checks.Text("remark", Remark, 2000));
        return DomainError.Invalid(checks.Errors) is { } error ? (null, error) : (fields, null);
    }
}

using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections.Invoices;
using Crm.Projections.Org;
using Crm.Write.Invoices;

namespace Crm.Host.Invoices;

/// <summary>A new invoice request against a contract (SAL-7).</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="ContractId">An approved contract you reach with invoice.create (else 404 contract_not_found).</param>
/// <param name="Amount">More than 0, at most 2 decimal places, at most what is left to invoice on the contract.</param>
/// <param name="Currency">Optional: the contract's currency (422 currency_mismatch otherwise).</param>
/// <param name="Title">The buyer's name as printed (发票抬头), at most 100 characters.</param>
/// <param name="TaxNumber">The buyer's taxpayer id (纳税人识别号): 15, 18 or 20 letters and digits.</param>
/// <param name="Type">vat_special (增值税专用发票), vat_ordinary (增值税普通发票) or other.</param>
/// <param name="Remark">At most 500 characters.</param>
public sealed record CreateInvoiceRequest(
    Guid? Id, [property: MustSend] Guid? ContractId, [property: MustSend] decimal? Amount, string? Currency, [property: MustSend] string? Title,
    [property: MustSend] string? TaxNumber, [property: MustSend, WireValues(typeof(InvoiceTypes), nameof(InvoiceTypes.All))] string? Type, string? Remark)
{
    public AddInvoice Command() => new(Id, ContractId ?? Guid.Empty, new InvoiceInput(Amount, Currency, Title, TaxNumber, Type, Remark));
}

/// <summary>Changes to a draft or rejected invoice: only the values sent change; an empty remark clears it.</summary>
/// <param name="Amount">More than 0, at most 2 decimal places; a raise must fit what is left to invoice.</param>
/// <param name="Type">vat_special, vat_ordinary or other.</param>
public sealed record UpdateInvoiceRequest(
    decimal? Amount, string? Title, string? TaxNumber, [property: WireValues(typeof(InvoiceTypes), nameof(InvoiceTypes.All))] string? Type, string? Remark)
{
    public InvoiceInput Input() => new(Amount, null, Title, TaxNumber, Type, Remark);
}

/// <summary>The invoice as printed: its number and date.</summary>
/// <param name="InvoiceNumber">The number on the invoice, at most 50 characters.</param>
/// <param name="IssuedOn">yyyy-MM-dd, not in the future.</param>
public sealed record IssueInvoiceRequest([property: MustSend] string? InvoiceNumber, [property: MustSend] string? IssuedOn);

/// <summary>An invoice as it is (or was, with ?version=).</summary>
/// <param name="Status">draft, pending, approved, rejected or issued.</param>
/// <param name="OwnerId">The contract's owner when the invoice was requested.</param>
/// <param name="RequestedBy">Who requested it.</param>
/// <param name="IssuedOn">yyyy-MM-dd once issued.</param>
public sealed record InvoiceResponse(
    Guid Id, Guid ContractId, Guid CustomerId, decimal Amount, string Currency, string Title, string TaxNumber,
    [property: WireValues(typeof(InvoiceTypes), nameof(InvoiceTypes.All))] string Type, string? Remark,
    [property: WireValues(typeof(InvoiceStatus), nameof(InvoiceStatus.All))] string Status, Guid OwnerId, Guid RequestedBy, Guid? SubmissionId,
    string? InvoiceNumber, DateOnly? IssuedOn, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static InvoiceResponse From(InvoiceRow r) => new(r.Id, r.ContractId, r.CustomerId, r.Amount.Amount, r.Amount.Currency, r.Fields.Title,
        r.Fields.TaxNumber, r.Fields.Type, r.Fields.Remark, r.Status, r.OwnerId, r.RequestedBy, r.SubmissionId, r.InvoiceNumber, r.IssuedOn, r.Version,
        r.CreatedAt, r.UpdatedAt);
}

public sealed record InvoiceListResponse(IReadOnlyList<InvoiceResponse> Items, string? NextCursor);

public sealed record InvoiceHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);

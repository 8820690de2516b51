namespace Crm.Events;

/// <summary>The invoice's fields besides the amount, normalized by the decider.</summary>
/// <param name="Title">The buyer's name as printed (发票抬头).</param>
/// <param name="TaxNumber">The buyer's taxpayer id (纳税人识别号), upper case.</param>
/// <param name="Type"><see cref="InvoiceTypes"/>' text.</param>
public sealed record InvoiceFields(string Title, string TaxNumber, string Type, string? Remark = null);

/// <summary>The kinds of invoice. Text, not an enum number, so stored events stay readable.</summary>
public static class InvoiceTypes
{
    /// <summary>增值税专用发票: the buyer deducts the VAT.</summary>
    public const string VatSpecial = "vat_special";

    /// <summary>增值税普通发票.</summary>
    public const string VatOrdinary = "vat_ordinary";

    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [VatSpecial, VatOrdinary, Other];
}

using Crm.Write.Imports;

namespace Crm.Write.Customers;

/// <summary>
/// What an imported customer CSV cell may hold (CUS-9): the rule of every import (<see cref="ImportCells"/>), with
/// one customer exception: a phone number is data, not a formula, so "+86 138 0000 0000" passes without a quote.
/// </summary>
public static class CustomerImportCells
{
    public static IReadOnlyList<char> FormulaStarts => ImportCells.FormulaStarts;

    public const string FormulaCode = ImportCells.FormulaCode;

    /// <summary>Null when the cell may be stored; otherwise the fault naming the field.</summary>
    public static FieldError? Check(string field, string? cell) => ImportCells.Check(field, cell, PhoneRule(field));

    public static string? Unquote(string? cell) => ImportCells.Unquote(cell);

    internal static bool DataStartsLikeAFormula(string field, string text) => field == "phone" && ImportCells.IsPhoneNumber(text);

    private static Func<string, bool>? PhoneRule(string field) => field == "phone" ? ImportCells.IsPhoneNumber : null;
}

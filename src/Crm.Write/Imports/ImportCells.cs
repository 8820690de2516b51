namespace Crm.Write.Imports;

/// <summary>
/// What an imported CSV cell may hold, for every import (customers, products). A cell a spreadsheet would run as
/// a formula (starting with =, +, -, @, tab or CR: OWASP's CSV-injection rule) is refused with a named error
/// rather than stored: stored, it would reach every later export, report and integration, and quietly adding a
/// quote would change the data behind the importer's back. The importer decides: drop the character, or write '
/// in front, which spreadsheets and the imports both read as "text": that one quote is the marker, not data, so
/// it is dropped and the rest stored ("'=SUM(A1)" is stored as "=SUM(A1)"; every export writes the quote back).
/// </summary>
public static class ImportCells
{
    /// <summary>The first characters spreadsheets treat as the start of a formula.</summary>
    public static IReadOnlyList<char> FormulaStarts { get; } = ['=', '+', '-', '@', '\t', '\r'];

    public const string FormulaCode = "formula_refused";

    /// <summary>Null when the cell may be stored; otherwise the fault naming the field.</summary>
    /// <param name="dataStartsLikeAFormula">The field's data may start so: a phone number ("+86 138 …") or a number ("-5") is not a formula.</param>
    public static FieldError? Check(string field, string? cell, Func<string, bool>? dataStartsLikeAFormula = null)
    {
        // PostgreSQL cannot store U+0000 in text.
        if (cell is not null && cell.Contains('\0')) return new FieldError(field, "text_invalid", $"{field} holds a NUL character (U+0000).");
        // Spaces in front do not stop a formula once the value is trimmed.
        var text = cell?.TrimStart(' ');
        if (string.IsNullOrEmpty(text) || !FormulaStarts.Contains(text[0]) || dataStartsLikeAFormula?.Invoke(text) == true) return null;
        return new FieldError(field, FormulaCode,
            $"{field} starts with '{Shown(text[0])}', which spreadsheets run as a formula; remove that character (or put ' in front to keep it as text).");
    }

    /// <summary>The cell without the one ' that marks formula-like text as text; any other cell as it is.</summary>
    public static string? Unquote(string? cell) => cell is ['\'', var next, ..] && FormulaStarts.Contains(next) ? cell[1..] : cell;

    /// <summary>Digits and the punctuation phone numbers are written with: "+86 138-0000-0000", "(010) 1234 5678".</summary>
    public static bool IsPhoneNumber(string text) =>
        text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')' or '.');

    private static string Shown(char c) => c switch { '\t' => "tab", '\r' => "CR", _ => c.ToString() };
}

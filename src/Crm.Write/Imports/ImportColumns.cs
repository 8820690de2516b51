namespace Crm.Write.Imports;

/// <summary>How one import reads its columns: header names (any case, English or Chinese) → field, and the fields holding lists.</summary>
/// <param name="Kind">The record kind, for messages ("customer", "product").</param>
/// <param name="ListFields">Fields whose cell is a list separated by ';' or '|' (commas separate the CSV's own columns).</param>
/// <param name="DataStartsLikeAFormula">Which field's data may start like a formula (a phone number, a negative number).</param>
public sealed record ImportColumns(
    string Kind, IReadOnlyDictionary<string, string> Headers, IReadOnlySet<string> ListFields, Func<string, string, bool>? DataStartsLikeAFormula = null)
{
    public static readonly char[] ListSeparators = [';', '|'];

    /// <summary>
    /// A row's header → text as field → text: unknown and doubled columns, NUL and formula cells are faults; a
    /// quote that marks formula-like text as text is dropped (a list's items each lose theirs, joined again with ';').
    /// </summary>
    public (Dictionary<string, string?> Values, List<FieldError> Errors) Read(IReadOnlyDictionary<string, string?> row)
    {
        var values = new Dictionary<string, string?>();
        var errors = new List<FieldError>();
        foreach (var (header, text) in row)
        {
            if (!Headers.TryGetValue(header.Trim(), out var field))
                errors.Add(new FieldError(header, "unknown_column", $"Column '{header}' is not a {Kind} field."));
            else if (values.ContainsKey(field) && !string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(values[field]))
                errors.Add(new FieldError(field, "duplicate_column", $"{field} is given by two columns."));
            else if (!values.TryGetValue(field, out var existing) || string.IsNullOrWhiteSpace(existing))
                values[field] = text;
        }
        foreach (var (field, text) in values)
        {
            var cells = ListFields.Contains(field) && text is not null ? text.Split(ListSeparators, StringSplitOptions.TrimEntries) : [text ?? ""];
            Func<string, bool>? passes = DataStartsLikeAFormula is { } rule ? t => rule(field, t) : null;
            if (cells.Select(cell => ImportCells.Check(field, cell, passes)).FirstOrDefault(f => f is not null) is { } fault) errors.Add(fault);
        }
        // Checked as written (a quoted formula passes), stored without the quote that marked it as text.
        foreach (var field in values.Keys.ToList())
        {
            values[field] = ListFields.Contains(field) && values[field] is { } items
                ? string.Join(';', items.Split(ListSeparators, StringSplitOptions.TrimEntries).Select(ImportCells.Unquote))
                : ImportCells.Unquote(values[field]);
        }
        return (values, errors);
    }
}

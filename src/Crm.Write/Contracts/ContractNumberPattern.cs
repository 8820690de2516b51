using System.Globalization;
using System.Text.RegularExpressions;

namespace Crm.Write.Contracts;

/// <summary>
/// The pattern contract numbers are made from: literal text with the tokens {yyyy}, {yy}, {MM}, {dd} (the day the contract is
/// written, UTC) and exactly one {seq:n} (the year's sequence, zero-padded to n digits, 1 ≤ n ≤ 12). The sequence counts per year
/// of {yyyy}; a number is never reused but the sequence may skip (a create refused after taking its number leaves a gap).
/// </summary>
public sealed partial class ContractNumberPattern
{
    public const string Default = "HT-{yyyy}-{seq:6}";

    private readonly string pattern;

    private ContractNumberPattern(string pattern) => this.pattern = pattern;

    public static ContractNumberPattern Standard { get; } = new(Default);

    /// <summary>The pattern, or null when it is not one (no or several {seq:n}, an unknown token, over 40 characters once formatted).</summary>
    public static ContractNumberPattern? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 30 || text.Any(char.IsControl)) return null;
        var tokens = Token().Matches(text);
        if (tokens.Count(t => t.Groups["seq"].Success) != 1) return null;
        if (tokens.Any(t => !t.Groups["seq"].Success && t.Groups["date"].Value is not ("yyyy" or "yy" or "MM" or "dd"))) return null;
        if (Token().Replace(text, "").Any(c => c is '{' or '}')) return null;
        return new ContractNumberPattern(text);
    }

    /// <summary>The number for sequence value <paramref name="seq"/> of the year of <paramref name="on"/>.</summary>
    public string Format(DateOnly on, long seq) => Token().Replace(pattern, m => m.Groups["seq"].Success
        ? seq.ToString(CultureInfo.InvariantCulture).PadLeft(int.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture), '0')
        : on.ToString(m.Groups["date"].Value, CultureInfo.InvariantCulture));

    public override string ToString() => pattern;

    [GeneratedRegex(@"\{(?:(?<seq>seq):(?<width>[1-9]|1[0-2])|(?<date>[A-Za-z]+))\}")]
    private static partial Regex Token();
}

namespace Crm.Events;

/// <summary>
/// An amount of money in one currency: a decimal (never floating point) and an ISO 4217 code in
/// upper case ("CNY", "USD"). Stored in events as a JSON number and a string, so the audit trail
/// shows the amount exactly as decided.
/// </summary>
public sealed record Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    /// <summary>As text for field changes: "1234.50 CNY".</summary>
    public override string ToString() => FormattableString.Invariant($"{Amount} {Currency}");
}

using Crm.Events;
using Crm.Events.Settings;

namespace Crm.Write.Classification;

/// <summary>One currency's spend bounds as sent.</summary>
public sealed record SpendBoundsInput(string? Currency, IReadOnlyList<decimal>? Amounts);

/// <summary>The complete new thresholds (PUT semantics): every list is sent.</summary>
public sealed record ChangeCustomerClasses(
    IReadOnlyList<int>? RecencyDays, IReadOnlyList<int>? FrequencyCounts, string? MonetaryBasis, IReadOnlyList<SpendBoundsInput>? Monetary);

/// <summary>
/// The decider of CUS-10's class thresholds: one stream with a fixed id, each change one event carrying the whole configuration, so
/// the history shows every version. Pure: the bounds are checked here (four, ascending, in range), never in the database.
/// </summary>
public static class CustomerClasses
{
    public const string StreamType = "customer-classes";
    public const int MaxCurrencies = 20;
    public const int MaxRecencyDays = 3650;
    public const int MaxFrequency = 100_000;
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>The thresholds stream's fixed id.</summary>
    public static readonly Guid StreamId = new("0196f000-0000-7000-8000-c1a55e500001");

    public static Decider<CustomerClassThresholds> Decider { get; } = new(StreamType, CustomerClassThresholds.Defaults, Evolve);

    public static CustomerClassThresholds Evolve(CustomerClassThresholds state, object @event) =>
        @event is CustomerClassesChanged e ? CustomerClassThresholds.From(e) : state;

    public static Decision Decide(ChangeCustomerClasses command, CustomerClassThresholds state, CommandContext context)
    {
        var errors = new List<FieldError>();
        Bounds(errors, "recencyDays", command.RecencyDays?.Select(d => (decimal)d).ToList(), 0, MaxRecencyDays, "days");
        Bounds(errors, "frequencyCounts", command.FrequencyCounts?.Select(n => (decimal)n).ToList(), 1, MaxFrequency, "contracts");
        if (command.MonetaryBasis is null)
            errors.Add(new("monetaryBasis", "thresholds_required", "monetaryBasis is required: contracts or payments."));
        else if (!CustomerClassThresholds.Bases.Contains(command.MonetaryBasis))
            errors.Add(new("monetaryBasis", "monetary_basis_unknown", "monetaryBasis is contracts (approved contract amounts) or payments (received)."));
        Monetary(errors, command.Monetary);
        if (DomainError.Invalid(errors) is { } invalid) return invalid;

        var next = new CustomerClassThresholds([.. command.RecencyDays!], [.. command.FrequencyCounts!], command.MonetaryBasis!,
            [.. command.Monetary!.Select(m => new SpendBounds(m.Currency!, [.. m.Amounts!.Select(a => decimal.Round(a, 2))]))]);
        return next.SameAs(state) ? Decision.Nothing : Decision.Accept(next.ToEvent());
    }

    private static void Monetary(List<FieldError> errors, IReadOnlyList<SpendBoundsInput>? monetary)
    {
        if (monetary is null)
        {
            errors.Add(new("monetary", "thresholds_required", "monetary is required: a list of {currency, amounts} (empty: no spend classes)."));
            return;
        }
        if (monetary.Count > MaxCurrencies) errors.Add(new("monetary", "too_many_currencies", $"At most {MaxCurrencies} currencies."));
        for (var i = 0; i < monetary.Count; i++)
        {
            var (currency, field) = (monetary[i]?.Currency, $"monetary[{i}]");
            if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
                errors.Add(new(field + ".currency", "currency_invalid", "currency is an ISO 4217 code in capitals such as CNY or USD."));
            else if (monetary.Take(i).Any(m => m?.Currency == currency))
                errors.Add(new(field + ".currency", "currency_duplicate", $"{currency} has bounds twice."));
            Bounds(errors, field + ".amounts", monetary[i]?.Amounts, 0.01m, MaxAmount, "in the currency, at most 2 decimals");
        }
    }

    /// <summary>Four ascending bounds in [min, max]; faults name the list, or the list's item.</summary>
    private static void Bounds(List<FieldError> errors, string field, IReadOnlyList<decimal>? bounds, decimal min, decimal max, string unit)
    {
        if (bounds is null)
        {
            errors.Add(new(field, "thresholds_required", $"{field} is required: {CustomerClassThresholds.Bounds} ascending bounds."));
            return;
        }
        if (bounds.Count != CustomerClassThresholds.Bounds)
        {
            errors.Add(new(field, "thresholds_count", $"{field} has exactly {CustomerClassThresholds.Bounds} bounds (they cut 5 classes)."));
            return;
        }
        var inRange = true;
        for (var i = 0; i < bounds.Count; i++)
        {
            if (bounds[i] >= min && bounds[i] <= max && decimal.Round(bounds[i], 2) == bounds[i]) continue;
            errors.Add(new($"{field}[{i}]", "threshold_out_of_range", $"Each bound of {field} is {min} to {max} ({unit})."));
            inRange = false;
        }
        if (inRange && bounds.Zip(bounds.Skip(1)).Any(p => p.First >= p.Second))
            errors.Add(new(field, "thresholds_not_ascending", $"The bounds of {field} rise strictly: each greater than the one before."));
    }
}

using Crm.Events;
using Crm.Events.Settings;
using Crm.Write.Classification;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Classification;

/// <summary>CUS-10's class thresholds: four ascending bounds per measure, per currency for spend; checked in pure code.</summary>
public sealed class classification_thresholds
{
    private static readonly Guid Admin = Guid.CreateVersion7();
    private static readonly SpendBoundsInput Cny = new("CNY", [1000m, 5000m, 20000m, 100000m]);

    private static CustomerClassThresholds Given(params object[] events) => events.Aggregate(CustomerClassThresholds.Defaults, CustomerClasses.Evolve);

    private static ChangeCustomerClasses Valid() => new([7, 30, 90, 365], [1, 2, 4, 8], "payments", [Cny, new("USD", [100m, 500m, 2000m, 10000m])]);

    [Fact]
    public void a_new_configuration_is_recorded_whole()
    {
        var decision = CustomerClasses.Decide(Valid(), Given(), As(Admin));

        ThenEvents(decision, new CustomerClassesChanged([7, 30, 90, 365], [1, 2, 4, 8], "payments",
            [new("CNY", [1000m, 5000m, 20000m, 100000m]), new("USD", [100m, 500m, 2000m, 10000m])]));
    }

    [Fact]
    public void the_same_configuration_again_changes_nothing_and_the_defaults_need_no_event()
    {
        var first = CustomerClasses.Decide(Valid(), Given(), As(Admin));
        ThenNothing(CustomerClasses.Decide(Valid(), Given(first.Events[0]), As(Admin)));

        var d = CustomerClassThresholds.Defaults;
        ThenNothing(CustomerClasses.Decide(new ChangeCustomerClasses(d.RecencyDays, d.FrequencyCounts, d.MonetaryBasis,
            [.. d.Monetary.Select(m => new SpendBoundsInput(m.Currency, m.Amounts))]), Given(), As(Admin)));
    }

    [Fact]
    public void bounds_that_do_not_rise_are_refused_naming_the_list()
    {
        ThenInvalid(CustomerClasses.Decide(Valid() with { RecencyDays = [30, 30, 90, 365], FrequencyCounts = [5, 4, 3, 2] }, Given(), As(Admin)),
            ("recencyDays", "thresholds_not_ascending"), ("frequencyCounts", "thresholds_not_ascending"));
    }

    [Fact]
    public void a_list_of_other_than_four_bounds_or_a_missing_one_is_refused()
    {
        ThenInvalid(CustomerClasses.Decide(new ChangeCustomerClasses([1, 2, 3], null, null, null), Given(), As(Admin)),
            ("recencyDays", "thresholds_count"), ("frequencyCounts", "thresholds_required"), ("monetaryBasis", "thresholds_required"),
            ("monetary", "thresholds_required"));
    }

    [Fact]
    public void a_bound_out_of_range_is_named_by_its_place()
    {
        ThenInvalid(CustomerClasses.Decide(Valid() with { RecencyDays = [-1, 30, 90, 4000], FrequencyCounts = [0, 2, 4, 8] }, Given(), As(Admin)),
            ("recencyDays[0]", "threshold_out_of_range"), ("recencyDays[3]", "threshold_out_of_range"), ("frequencyCounts[0]", "threshold_out_of_range"));
    }

    [Fact]
    public void currencies_are_iso_codes_once_each_with_amounts_of_two_decimals_at_most()
    {
        var monetary = new SpendBoundsInput[] { new("cny", [1m, 2m, 3m, 4m]), Cny, Cny with { Amounts = [1m, 2.005m, 3m, 4m] }, new("USD", null) };

        ThenInvalid(CustomerClasses.Decide(Valid() with { Monetary = monetary, MonetaryBasis = "invoices" }, Given(), As(Admin)),
            ("monetaryBasis", "monetary_basis_unknown"), ("monetary[0].currency", "currency_invalid"), ("monetary[2].currency", "currency_duplicate"),
            ("monetary[2].amounts[1]", "threshold_out_of_range"), ("monetary[3].amounts", "thresholds_required"));
    }

    [Fact]
    public void at_most_twenty_currencies_and_none_is_allowed()
    {
        var many = Enumerable.Range(0, 21).Select(i => new SpendBoundsInput("A" + (char)('A' + i / 26) + (char)('A' + i % 26), [1m, 2m, 3m, 4m])).ToList();
        ThenInvalid(CustomerClasses.Decide(Valid() with { Monetary = many }, Given(), As(Admin)), ("monetary", "too_many_currencies"));

        ThenEvents(CustomerClasses.Decide(Valid() with { Monetary = [] }, Given(), As(Admin)),
            new CustomerClassesChanged([7, 30, 90, 365], [1, 2, 4, 8], "payments", []));
    }
}

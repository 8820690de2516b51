using Crm.Host.Contracts;

namespace Crm.Host.Tests.Contracts;

public sealed class configuring_the_contract_number
{
    [Fact]
    public void no_pattern_configured_is_the_standard_one_and_a_configured_one_numbers_contracts_its_way()
    {
        Assert.Equal("HT-2026-000007", ContractsModule.NumberPattern(null).Format(new DateOnly(2026, 3, 1), 7));
        Assert.Equal("SH/26/0007", ContractsModule.NumberPattern("SH/{yy}/{seq:4}").Format(new DateOnly(2026, 3, 1), 7));
    }

    [Fact]
    public void a_pattern_that_is_none_stops_the_start() =>
        Assert.Contains(ContractsModule.NumberPatternKey, Assert.Throws<InvalidOperationException>(() => ContractsModule.NumberPattern("HT-{yyyy}")).Message);
}

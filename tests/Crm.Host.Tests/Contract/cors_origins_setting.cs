using Crm.Host.Platform;
using Microsoft.Extensions.Configuration;

namespace Crm.Host.Tests.Contract;

/// <summary>Reading Crm:Cors:Origins (no database): a list or one comma-separated value; anything but a bare origin stops the start.</summary>
public sealed class cors_origins_setting
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void none_configured_means_no_origin()
    {
        Assert.Empty(CorsSetup.Origins(Settings()));
    }

    [Fact]
    public void a_list_and_a_comma_separated_value_read_the_same()
    {
        var list = CorsSetup.Origins(Settings(("Crm:Cors:Origins:0", "https://ui.example"), ("Crm:Cors:Origins:1", "http://localhost:5173/")));
        var single = CorsSetup.Origins(Settings(("Crm:Cors:Origins", " https://ui.example , http://localhost:5173/ ")));

        Assert.Equal(["https://ui.example", "http://localhost:5173"], list);
        Assert.Equal(list, single);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("ui.example")]
    [InlineData("ftp://ui.example")]
    [InlineData("https://ui.example/app")]
    [InlineData("https://ui.example?x=1")]
    [InlineData("https://user@ui.example")]
    public void a_value_that_is_not_an_origin_is_refused_with_the_setting_named(string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => CorsSetup.Origins(Settings(("Crm:Cors:Origins", value))));
        Assert.Contains("Crm:Cors:Origins", refused.Message);
    }
}

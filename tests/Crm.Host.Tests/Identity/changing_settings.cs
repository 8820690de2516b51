using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Identity;

public sealed class changing_settings(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task settings_start_at_their_defaults_and_anyone_signed_in_reads_them()
    {
        var user = await host.Admin.CreateUserAsync();
        var client = await host.SignedInAsync(user.Mobile(), Password);

        var settings = await client.GetJsonAsync("/api/settings");

        Assert.Equal(20, settings.GetProperty("listPageSize").GetInt32());
        Assert.True(settings.GetProperty("attachmentMaxMegabytes").GetInt32() is >= 1 and <= 30);
    }

    [Fact]
    public async Task a_change_is_one_event_naming_old_and_new_values_with_the_actor()
    {
        var response = await host.Admin.SendAsync("PATCH", "/api/settings", """{ "pickerPageSize": 40, "listTextLength": 80 }""");

        Assert.Equal(40, response.Json().GetProperty("pickerPageSize").GetInt32());
        var me = await host.Admin.GetJsonAsync("/api/auth/me");
        var history = await host.Admin.GetJsonAsync("/api/settings/history");
        var entry = history.GetProperty("items").EnumerateArray().Last();
        Assert.Equal(me.Id(), entry.GetProperty("actorId").GetGuid());
        Assert.Equal([("pickerPageSize", "20", "40"), ("listTextLength", "50", "80")], entry.GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("field").GetString(), c.GetProperty("old").GetString(), c.GetProperty("new").GetString())));
    }

    [Theory]
    [InlineData("""{ "attachmentMaxMegabytes": 31 }""", "attachmentMaxMegabytes")]
    [InlineData("""{ "listPageSize": 501 }""", "listPageSize")]
    [InlineData("""{ "listPageSize": 0 }""", "listPageSize")]
    [InlineData("""{ "sessionTimeoutHours": 0 }""", "sessionTimeoutHours")]
    [InlineData("""{ "listPageSize": "many" }""", "listPageSize")]
    [InlineData("""{ "theme": "dark" }""", "theme")]
    public async Task a_bad_value_is_a_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var before = await host.EventCountAsync();
        await host.Admin.ProblemAsync("PATCH", "/api/settings", json, 400, field);
        Assert.Equal(before, await host.EventCountAsync());
    }
}

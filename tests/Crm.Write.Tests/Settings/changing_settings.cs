using Crm.Events.Settings;
using Crm.Write.Settings;
using static Crm.Write.Tests.Org.DepartmentSpecification;

namespace Crm.Write.Tests.Settings;

public sealed class changing_settings
{
    private static Decision Decide(params (string Name, long? Value)[] values) =>
        SystemSettings.Decide(new ChangeSettings(values.ToDictionary(v => v.Name, v => v.Value)), SystemSettings.Defaults, Context);

    [Fact]
    public void a_change_names_each_changed_setting_with_its_old_and_new_value()
    {
        var decision = Decide(("listPageSize", 50), ("sessionTimeoutHours", 12), ("attachmentMaxMegabytes", 30));
        var changed = Assert.IsType<SettingsChanged>(Assert.Single(decision.Events));
        Assert.Equal([new SettingsChanged.Change("listPageSize", 20, 50), new SettingsChanged.Change("attachmentMaxMegabytes", 3, 30)], changed.Changes);
    }

    [Theory]
    [InlineData("attachmentMaxMegabytes", 31)]
    [InlineData("listPageSize", 501)]
    [InlineData("listPageSize", 0)]
    [InlineData("sessionTimeoutHours", 0)]
    public void a_value_out_of_range_is_refused_naming_the_setting(string name, long value)
    {
        ThenRefused(Decide((name, value)), ErrorKind.Validation, "setting_out_of_range", name);
    }

    [Fact]
    public void the_defaults_are_3_mb_and_20_rows_and_sending_them_changes_nothing()
    {
        Assert.Equal((3L, 20L), (SystemSettings.Defaults["attachmentMaxMegabytes"], SystemSettings.Defaults["listPageSize"]));
        ThenEvents(Decide(("listPageSize", 20), ("pickerPageSize", null)));
    }
}

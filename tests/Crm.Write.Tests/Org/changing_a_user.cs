using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.DepartmentSpecification;
using static Crm.Write.Tests.Org.UserSpecification;

namespace Crm.Write.Tests.Org;

public sealed class changing_a_user
{
    private static readonly Guid Boss = Guid.CreateVersion7();
    private static readonly Guid Report = Guid.CreateVersion7();

    [Fact]
    public void a_new_superior_records_the_new_and_previous_superior()
    {
        var decision = User.Decide(Change(Boss, [Boss]), UserSpecification.Given(Registered), UserSpecification.Context);
        ThenEvents(decision, new UserSuperiorChanged(Id, Boss, null));
    }

    [Fact]
    public void a_user_cannot_be_their_own_superior()
    {
        ThenRefused(User.Decide(Change(Id, [Id]), UserSpecification.Given(Registered), UserSpecification.Context), ErrorKind.Conflict, "superior_cycle", "superiorId");
    }

    [Fact]
    public void a_superior_who_reports_to_the_user_would_close_a_cycle()
    {
        var decision = User.Decide(Change(Report, [Report, Id, Boss]), UserSpecification.Given(Registered), UserSpecification.Context);
        ThenRefused(decision, ErrorKind.Conflict, "superior_cycle", "superiorId");
    }

    [Fact]
    public void a_superior_that_does_not_exist_is_refused()
    {
        ThenRefused(User.Decide(Change(Boss, null), UserSpecification.Given(Registered), UserSpecification.Context), ErrorKind.Unprocessable, "superior_not_found", "superiorId");
    }

    [Fact]
    public void clearing_the_email_and_the_department_records_both_and_changing_nothing_records_nothing()
    {
        var given = UserSpecification.Given(Registered with { Email = "li@example.com", DepartmentId = Boss });
        var clear = Change() with { Email = new Edit<string?>(null), DepartmentId = new Edit<Guid?>(null) };

        ThenEvents(User.Decide(clear, given, UserSpecification.Context),
            new UserEmailChanged(Id, null, "li@example.com"), new UserDepartmentChanged(Id, null, Boss));
        ThenEvents(User.Decide(Change(mobile: "13800000000"), given, UserSpecification.Context));
    }

    [Fact]
    public void a_new_time_zone_records_old_and_new_the_same_one_records_nothing_and_null_is_utc()
    {
        var given = UserSpecification.Given(Registered);
        ThenEvents(User.Decide(Change() with { TimeZone = new Edit<string?>(" Asia/Shanghai ") }, given, UserSpecification.Context),
            new UserTimeZoneChanged(Id, "Asia/Shanghai", "UTC"));
        var inShanghai = UserSpecification.Given(Registered, new UserTimeZoneChanged(Id, "Asia/Shanghai", "UTC"));
        ThenEvents(User.Decide(Change() with { TimeZone = new Edit<string?>("Asia/Shanghai") }, inShanghai, UserSpecification.Context));
        ThenEvents(User.Decide(Change() with { TimeZone = new Edit<string?>(null) }, inShanghai, UserSpecification.Context),
            new UserTimeZoneChanged(Id, "UTC", "Asia/Shanghai"));
    }

    [Theory]
    [InlineData("Asia/Beijing")]
    [InlineData("GMT+8")]
    [InlineData("+08:00")]
    [InlineData("asia/shanghai ")]
    public void a_time_zone_that_is_not_an_iana_id_is_refused_naming_the_field(string zone) =>
        ThenRefused(User.Decide(Change() with { TimeZone = new Edit<string?>(zone) }, UserSpecification.Given(Registered), UserSpecification.Context),
            ErrorKind.Validation, "time_zone_invalid", "timeZone");

    [Fact]
    public void a_taken_mobile_number_is_a_conflict_and_a_required_field_cannot_be_cleared()
    {
        var given = UserSpecification.Given(Registered);
        ThenRefused(User.Decide(Change(mobile: "13900000000", mobileTaken: true), given, UserSpecification.Context), ErrorKind.Conflict, "mobile_taken", "mobile");
        ThenRefused(User.Decide(Change() with { DisplayName = new Edit<string?>(null) }, given, UserSpecification.Context), ErrorKind.Validation, "display_name_required", "displayName");
    }

    [Fact]
    public void roles_are_replaced_as_a_set_and_the_same_set_changes_nothing()
    {
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var decision = User.Decide(new SetUserRoles(Id, [a, b, a], []), UserSpecification.Given(Registered), UserSpecification.Context);
        var changed = Assert.IsType<UserRolesChanged>(Assert.Single(decision.Events));
        Assert.Equal([a, b], changed.RoleIds);

        var given = UserSpecification.Given(Registered, changed);
        ThenEvents(User.Decide(new SetUserRoles(Id, [b, a], []), given, UserSpecification.Context));
    }

    [Fact]
    public void a_user_that_does_not_exist_is_not_found()
    {
        ThenRefused(User.Decide(Change(Boss, [Boss]), UserSpecification.Given(), UserSpecification.Context), ErrorKind.NotFound, "user_not_found");
    }
}

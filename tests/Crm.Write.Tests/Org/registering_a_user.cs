using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.DepartmentSpecification;
using static Crm.Write.Tests.Org.UserSpecification;

namespace Crm.Write.Tests.Org;

public sealed class registering_a_user
{
    [Fact]
    public void a_user_is_registered_with_trimmed_fields_the_default_gender_and_an_initial_password()
    {
        var decision = User.Decide(Register(" +8613800000000 ", " Li Na ", " li@example.com "), UserSpecification.Given(), UserSpecification.Context);

        Assert.Null(decision.Error);
        var registered = Assert.IsType<UserRegistered>(decision.Events[0]);
        Assert.Equal(("+8613800000000", "Li Na", "unspecified", "li@example.com"), (registered.Mobile, registered.DisplayName, registered.Gender, registered.Email));
        Assert.Equal(new UserPasswordSet(Id, "HASH", "initial"), decision.Events[1]);
    }

    [Fact]
    public void a_super_administrator_is_registered_with_the_grant_before_the_password()
    {
        var decision = User.Decide(Register() with { SuperAdmin = true }, UserSpecification.Given(), UserSpecification.Context);
        Assert.Equal([typeof(UserRegistered), typeof(UserSuperAdminGranted), typeof(UserPasswordSet)], decision.Events.Select(e => e.GetType()));
    }

    [Theory]
    [InlineData(null, "mobile_required")]
    [InlineData("12345", "mobile_invalid")]
    [InlineData("123456789012345678901", "mobile_invalid")]
    [InlineData("138-0000-0000", "mobile_invalid")]
    [InlineData("++13800000000", "mobile_invalid")]
    public void a_malformed_mobile_number_is_refused(string? mobile, string code)
    {
        ThenRefused(User.Decide(Register(mobile), UserSpecification.Given(), UserSpecification.Context), ErrorKind.Validation, code, "mobile");
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("a@b")]
    [InlineData("a b@example.com")]
    public void a_malformed_email_is_refused(string email)
    {
        ThenRefused(User.Decide(Register(email: email), UserSpecification.Given(), UserSpecification.Context), ErrorKind.Validation, "email_invalid", "email");
    }

    [Fact]
    public void a_missing_or_over_long_display_name_and_an_unknown_gender_are_refused()
    {
        ThenRefused(User.Decide(Register(name: " "), UserSpecification.Given(), UserSpecification.Context), ErrorKind.Validation, "display_name_required", "displayName");
        ThenRefused(User.Decide(Register(name: new string('n', 101)), UserSpecification.Given(), UserSpecification.Context), ErrorKind.Validation, "display_name_too_long", "displayName");
        ThenRefused(User.Decide(Register(gender: "other"), UserSpecification.Given(), UserSpecification.Context), ErrorKind.Validation, "gender_invalid", "gender");
    }

    [Fact]
    public void a_mobile_number_another_user_signs_in_with_is_a_conflict()
    {
        ThenRefused(User.Decide(Register() with { MobileTaken = true }, UserSpecification.Given(), UserSpecification.Context), ErrorKind.Conflict, "mobile_taken", "mobile");
    }

    [Fact]
    public void an_unknown_department_position_superior_or_role_is_refused()
    {
        var unknown = Guid.CreateVersion7();
        ThenRefused(User.Decide(Register() with { DepartmentId = unknown }, UserSpecification.Given(), UserSpecification.Context), ErrorKind.Unprocessable, "department_not_found", "departmentId");
        ThenRefused(User.Decide(Register() with { PositionId = unknown }, UserSpecification.Given(), UserSpecification.Context), ErrorKind.Unprocessable, "position_not_found", "positionId");
        ThenRefused(User.Decide(Register() with { SuperiorId = unknown }, UserSpecification.Given(), UserSpecification.Context), ErrorKind.Unprocessable, "superior_not_found", "superiorId");
        ThenRefused(User.Decide(Register() with { RoleIds = [unknown], UnknownRoleIds = [unknown] }, UserSpecification.Given(), UserSpecification.Context), ErrorKind.Unprocessable, "role_not_found", "roleIds");
    }

    [Fact]
    public void an_existing_user_cannot_be_registered_again()
    {
        ThenRefused(User.Decide(Register(), UserSpecification.Given(Registered), UserSpecification.Context), ErrorKind.Conflict, "user_exists", "id");
    }
}

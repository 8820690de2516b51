using Crm.Write.Org;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Org;

/// <summary>Each refusal of a user's own fields, by its code: the host passes these through unchanged.</summary>
public sealed class user_input_refusals
{
    [Theory]
    [InlineData(null, "password_required")]
    [InlineData("", "password_required")]
    [InlineData("short", "password_too_short")]
    public void a_missing_or_short_password_is_refused_naming_the_field(string? password, string code)
    {
        Assert.Equal(("newPassword", code), (UserRules.Password(password, "newPassword")?.Field, UserRules.Password(password, "newPassword")?.Code));
    }

    [Fact]
    public void a_password_longer_than_the_limit_is_refused_and_one_at_the_limit_taken()
    {
        Assert.Equal("password_too_long", UserRules.Password(new string('p', UserRules.MaxPasswordLength + 1))?.Code);
        Assert.Null(UserRules.Password(new string('p', UserRules.MaxPasswordLength)));
    }

    [Fact]
    public void an_email_longer_than_an_address_can_be_is_refused_before_its_shape_is_checked()
    {
        var tooLong = new string('a', UserRules.MaxEmailLength) + "@x.example";
        Assert.Equal(("email", "email_too_long"), (UserRules.Email(tooLong)?.Field, UserRules.Email(tooLong)?.Code));
    }

    [Fact]
    public void more_roles_than_a_user_holds_or_the_empty_uuid_among_them_is_refused()
    {
        var many = Enumerable.Range(0, UserRules.MaxRoles + 1).Select(_ => Guid.CreateVersion7()).ToList();
        Assert.Equal(("roleIds", "too_many_roles"), (UserRules.RoleIds(many)?.Field, UserRules.RoleIds(many)?.Code));
        Assert.Equal("role_id_invalid", UserRules.RoleIds([Guid.CreateVersion7(), Guid.Empty])?.Code);
        Assert.Null(UserRules.RoleIds(many[..UserRules.MaxRoles]));
    }

    [Fact]
    public void setting_roles_without_a_list_is_refused_and_nothing_happens()
    {
        var given = UserSpecification.Given(UserSpecification.Registered);
        ThenRefused(User.Decide(new SetUserRoles(UserSpecification.Id, null, []), given, UserSpecification.Context),
            ErrorKind.Validation, "role_ids_required", "roleIds");
    }

    [Fact]
    public void clearing_the_gender_is_refused_because_unspecified_is_the_way_to_say_none()
    {
        var clear = new ChangeUser(UserSpecification.Id, null, null, new Edit<string?>(null), null, null, null, null, false, false, false, null);
        ThenRefused(User.Decide(clear, UserSpecification.Given(UserSpecification.Registered), UserSpecification.Context),
            ErrorKind.Validation, "gender_required", "gender");
    }
}

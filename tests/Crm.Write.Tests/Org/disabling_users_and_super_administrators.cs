using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.DepartmentSpecification;
using static Crm.Write.Tests.Org.UserSpecification;

namespace Crm.Write.Tests.Org;

public sealed class disabling_users_and_super_administrators
{
    private static readonly UserSuperAdminGranted Granted = new(Id);

    [Fact]
    public void a_user_is_disabled_and_enabled_again_and_repeating_either_changes_nothing()
    {
        ThenEvents(User.Decide(new DisableUser(Id, 0), UserSpecification.Given(Registered), UserSpecification.Context), new UserDisabled(Id));
        ThenEvents(User.Decide(new DisableUser(Id, 0), UserSpecification.Given(Registered, new UserDisabled(Id)), UserSpecification.Context));
        ThenEvents(User.Decide(new EnableUser(Id), UserSpecification.Given(Registered, new UserDisabled(Id)), UserSpecification.Context), new UserEnabled(Id));
        ThenEvents(User.Decide(new EnableUser(Id), UserSpecification.Given(Registered), UserSpecification.Context));
    }

    [Fact]
    public void the_last_super_administrator_cannot_be_disabled_or_revoked()
    {
        var given = UserSpecification.Given(Registered, Granted);
        ThenRefused(User.Decide(new DisableUser(Id, 0), given, UserSpecification.Context), ErrorKind.Conflict, "last_super_admin");
        ThenRefused(User.Decide(new SetSuperAdmin(Id, false, 0), given, UserSpecification.Context), ErrorKind.Conflict, "last_super_admin");
    }

    [Fact]
    public void a_super_administrator_with_another_one_left_can_be_disabled_or_revoked()
    {
        var given = UserSpecification.Given(Registered, Granted);
        ThenEvents(User.Decide(new DisableUser(Id, 1), given, UserSpecification.Context), new UserDisabled(Id));
        ThenEvents(User.Decide(new SetSuperAdmin(Id, false, 1), given, UserSpecification.Context), new UserSuperAdminRevoked(Id));
    }

    [Fact]
    public void granting_twice_changes_nothing_and_a_disabled_user_cannot_be_granted()
    {
        ThenEvents(User.Decide(new SetSuperAdmin(Id, true, 0), UserSpecification.Given(Registered), UserSpecification.Context), Granted);
        ThenEvents(User.Decide(new SetSuperAdmin(Id, true, 0), UserSpecification.Given(Registered, Granted), UserSpecification.Context));
        ThenRefused(User.Decide(new SetSuperAdmin(Id, true, 0), UserSpecification.Given(Registered, new UserDisabled(Id)), UserSpecification.Context),
            ErrorKind.Conflict, "user_disabled");
    }

    [Fact]
    public void only_a_disabled_users_records_are_handed_over_and_only_to_an_enabled_user()
    {
        var to = Guid.CreateVersion7();
        var receiver = UserSpecification.Given(new UserRegistered(to, "13900000000", "Wang", "male", null, null, null, null, []));
        var disabled = UserSpecification.Given(Registered, new UserDisabled(Id));

        ThenEvents(User.Decide(new HandOverRecords(Id, to, receiver), disabled, UserSpecification.Context), new UserRecordsHandedOver(Id, to));
        ThenRefused(User.Decide(new HandOverRecords(Id, to, receiver), UserSpecification.Given(Registered), UserSpecification.Context), ErrorKind.Conflict, "user_not_disabled");
        ThenRefused(User.Decide(new HandOverRecords(Id, to, null), disabled, UserSpecification.Context), ErrorKind.Unprocessable, "user_not_found", "toUserId");
        ThenRefused(User.Decide(new HandOverRecords(Id, Id, disabled), disabled, UserSpecification.Context), ErrorKind.Validation, "hand_over_to_self", "toUserId");
    }

    [Fact]
    public void a_password_is_set_with_its_reason_but_a_disabled_user_cannot_change_their_own()
    {
        ThenEvents(User.Decide(new SetPassword(Id, "NEW", "reset"), UserSpecification.Given(Registered, new UserDisabled(Id)), UserSpecification.Context),
            new UserPasswordSet(Id, "NEW", "reset"));
        ThenRefused(User.Decide(new SetPassword(Id, "NEW", "changed"), UserSpecification.Given(Registered, new UserDisabled(Id)), UserSpecification.Context),
            ErrorKind.Conflict, "user_disabled");
    }
}

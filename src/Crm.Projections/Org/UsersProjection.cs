using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Org;

/// <summary>
/// org.users, inline: it commits with the user's events, so sign-in, the uniqueness check on mobile
/// numbers and the superior-chain check all see every committed change.
/// </summary>
public sealed class UsersProjection() : TableProjection<UserRow>("org.users", UserSql.Binder)
{
    public override string Name => "org.users";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(UserRegistered), typeof(UserMobileChanged), typeof(UserRenamed), typeof(UserGenderChanged), typeof(UserEmailChanged),
        typeof(UserDepartmentChanged), typeof(UserPositionChanged), typeof(UserSuperiorChanged), typeof(UserRolesChanged),
        typeof(UserSuperAdminGranted), typeof(UserSuperAdminRevoked), typeof(UserDisabled), typeof(UserEnabled),
        typeof(UserPasswordSet), typeof(UserRecordsHandedOver), typeof(UserTimeZoneChanged),
    ];

    protected override UserRow? Evolve(UserRow? current, Guid key, StoredEvent e) => UserRow.Evolve(current, e);
}

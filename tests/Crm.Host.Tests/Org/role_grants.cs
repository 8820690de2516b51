using Crm.Host.Access;
using Crm.Write.Access;
using Crm.Write.Org;

namespace Crm.Host.Tests.Org;

/// <summary>RoleGrants on a hand-built org snapshot (no database): what the request's snapshot does not know is not waved through.</summary>
public sealed class role_grants
{
    private static readonly Guid Grantor = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly OrgRole GrantorRole = new(Guid.CreateVersion7(), ["user.grant", "user.reset-password", "customer.list"], DataScope.All);

    private static RoleGrants Grants() => new(new CallerAccess(Grantor, new OrgSnapshot(1,
        [new OrgUser(Grantor, null, null, [GrantorRole.Id], false, false), new OrgUser(Other, null, null, [], false, false)], [], [GrantorRole])));

    [Fact]
    public void a_role_missing_from_the_requests_snapshot_counts_as_beyond_the_callers_rights()
    {
        var newer = Guid.CreateVersion7();

        var given = Grants().MaySetRoles(Other, [], [newer], []);
        var takenAway = Grants().MaySetRoles(Other, [newer], [], []);
        var actedAs = Grants().MayActAs(Other, [newer], []);

        Assert.All([given, takenAway, actedAs], e => Assert.Equal(IdentityRefusals.BeyondRightsCode, e?.Code));
        Assert.DoesNotContain(newer.ToString(), given!.Message);
    }

    [Fact]
    public void a_role_that_does_not_exist_is_left_to_the_decider_and_a_known_role_within_rights_passes()
    {
        var gone = Guid.CreateVersion7();

        Assert.Null(Grants().MaySetRoles(Other, [], [gone, GrantorRole.Id], [gone]));
        Assert.Null(Grants().MayActAs(Other, [gone, GrantorRole.Id], [gone]));
    }
}

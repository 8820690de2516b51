using Crm.Events.Org;
using Crm.Projections.Org;

namespace Crm.Projections.Tests.Org;

public sealed class user_read_model(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private async Task<Guid> RegisterAsync(string mobile, string name, Guid? superior = null, Guid? department = null)
    {
        var id = Guid.CreateVersion7();
        await db.AppendAsync("user", id, 0,
            new UserRegistered(id, mobile, name, "female", $"{mobile}@example.com", department, null, superior, []),
            new UserPasswordSet(id, "AQAAAAIAAYagAAAAEHASH", "initial"));
        return id;
    }

    [Fact]
    public async Task a_registered_user_is_readable_right_after_the_append_and_keeps_no_credentials()
    {
        var id = await RegisterAsync("13800000001", "Li Na");

        var row = await db.Users.GetAsync(id);

        Assert.NotNull(row);
        Assert.Equal(("13800000001", "Li Na", "female", false, false, 2L), (row.Mobile, row.DisplayName, row.Gender, row.IsSuperAdmin, row.IsDisabled, row.Version));
        var credentials = await db.Credentials.FindByMobileAsync("13800000001");
        Assert.NotNull(credentials);
        Assert.Equal("AQAAAAIAAYagAAAAEHASH", credentials.PasswordHash);
        await using var cmd = db.Database.DataSource.CreateCommand(
            "select count(*) from information_schema.columns where table_schema = 'org' and table_name = 'users' and column_name like '%password%'");
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task disabling_changes_the_security_stamp_and_enabling_keeps_it()
    {
        var id = await RegisterAsync("13800000002", "Wang Wei");
        var before = (await db.Credentials.FindByIdAsync(id))!.SecurityStamp;

        await db.AppendAsync("user", id, 2, new UserDisabled(id));
        var disabled = await db.Credentials.FindByIdAsync(id);
        await db.AppendAsync("user", id, 3, new UserEnabled(id));
        var enabled = await db.Credentials.FindByIdAsync(id);

        Assert.True(disabled!.IsDisabled);
        Assert.NotEqual(before, disabled.SecurityStamp);
        Assert.False(enabled!.IsDisabled);
        Assert.Equal(disabled.SecurityStamp, enabled.SecurityStamp);
    }

    [Fact]
    public async Task roles_super_admin_and_superior_chain_follow_the_events()
    {
        var boss = await RegisterAsync("13800000003", "Boss");
        var lead = await RegisterAsync("13800000004", "Lead", boss);
        var clerk = await RegisterAsync("13800000005", "Clerk", lead);
        var role = Guid.CreateVersion7();
        await db.AppendAsync("user", clerk, 2, new UserRolesChanged(clerk, [role], []), new UserSuperAdminGranted(clerk));

        var row = await db.Users.GetAsync(clerk);

        Assert.Equal([role], row!.RoleIds);
        Assert.True(row.IsSuperAdmin);
        Assert.Equal([clerk, lead, boss], await db.Users.SuperiorChainAsync(clerk));
        Assert.Null(await db.Users.SuperiorChainAsync(Guid.CreateVersion7()));
    }

    [Fact]
    public async Task lists_filter_by_department_text_and_status_and_page_by_name()
    {
        var department = Guid.CreateVersion7();
        await RegisterAsync("13900000001", "Zhao A", department: department);
        await RegisterAsync("13900000002", "Zhao B", department: department);
        var c = await RegisterAsync("13900000003", "Zhao C", department: department);
        await db.AppendAsync("user", c, 2, new UserDisabled(c));

        var first = await db.Users.ListAsync(new UserFilter(department), 2, null);
        var second = await db.Users.ListAsync(new UserFilter(department), 2, first.NextCursor);
        var enabled = await db.Users.ListAsync(new UserFilter(department, null, false), 10, null);
        var byMobile = await db.Users.ListAsync(new UserFilter(null, "13900000002"), 10, null);

        Assert.Equal(["Zhao A", "Zhao B"], first.Items.Select(u => u.DisplayName));
        Assert.Equal(["Zhao C"], second.Items.Select(u => u.DisplayName));
        Assert.Null(second.NextCursor);
        Assert.Equal(2, enabled.Items.Count);
        Assert.Equal("Zhao B", Assert.Single(byMobile.Items).DisplayName);
    }

    [Fact]
    public async Task history_never_shows_a_password_hash_and_time_travel_shows_the_past()
    {
        var id = await RegisterAsync("13800000006", "Sun Li");
        await db.AppendAsync("user", id, 2, new UserRenamed(id, "Sun Lili", "Sun Li"), new UserPasswordSet(id, "AQAAAAIAAYagAAAAENEWHASH", "reset"));

        var history = UserHistory.Of(await db.Store.ReadStreamAsync(id));
        var past = await db.Users.GetAsOfAsync(id, 2, null);

        Assert.DoesNotContain("HASH", System.Text.Json.JsonSerializer.Serialize(history), StringComparison.Ordinal);
        Assert.Equal("password-reset", history[^1].Action);
        Assert.Equal("Sun Li", past!.DisplayName);
    }

    [Fact]
    public async Task folding_one_of_each_user_event_changes_the_row_as_that_event_says()
    {
        var (id, department, position, superior, role, heir) =
            (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        // What each event must do to the row; a password or a hand-over shows nothing but is a new version.
        var steps = new (object Event, Func<UserRow, UserRow> Expected)[]
        {
            (new UserMobileChanged(id, "13700000007", "13800000007"), r => r with { Mobile = "13700000007" }),
            (new UserRenamed(id, "Zhou Jie", "Zhou"), r => r with { DisplayName = "Zhou Jie" }),
            (new UserGenderChanged(id, "male", "female"), r => r with { Gender = "male" }),
            (new UserEmailChanged(id, "zj@example.com", null), r => r with { Email = "zj@example.com" }),
            (new UserDepartmentChanged(id, department, null), r => r with { DepartmentId = department }),
            (new UserPositionChanged(id, position, null), r => r with { PositionId = position }),
            (new UserSuperiorChanged(id, superior, null), r => r with { SuperiorId = superior }),
            (new UserRolesChanged(id, [role], []), r => r with { RoleIds = [role] }),
            (new UserSuperAdminGranted(id), r => r with { IsSuperAdmin = true }),
            (new UserSuperAdminRevoked(id), r => r with { IsSuperAdmin = false }),
            (new UserDisabled(id), r => r with { IsDisabled = true }),
            (new UserEnabled(id), r => r with { IsDisabled = false }),
            (new UserPasswordSet(id, "AQAAAAIAAYagAAAAENEWHASH", "reset"), r => r),
            (new UserRecordsHandedOver(id, heir), r => r),
            (new UserTimeZoneChanged(id, "Asia/Shanghai", "UTC"), r => r with { TimeZone = "Asia/Shanghai" }),
        };
        var userEvents = Events.EventCatalogue.All.Select(e => e.Type).Where(t => t.Name.StartsWith("User", StringComparison.Ordinal));
        Assert.Equal(userEvents.Order(TypeByName), steps.Select(s => s.Event.GetType()).Append(typeof(UserRegistered)).Order(TypeByName));

        await db.AppendAsync("user", id, 0, new UserRegistered(id, "13800000007", "Zhou", "female", null, null, null, null, []));
        var row = (await db.Users.GetAsync(id))!;
        Assert.Equal(new UserRow(id, "13800000007", "Zhou", "female", null, null, null, null, NoRoles, false, false, 1L, row.CreatedAt, row.CreatedAt),
            row with { RoleIds = NoRoles });
        Assert.Empty(row.RoleIds);

        foreach (var (e, expected) in steps)
        {
            var version = await db.AppendAsync("user", id, row.Version, e);
            var actual = (await db.Users.GetAsync(id))!;
            var want = expected(row) with { Version = version, UpdatedAt = (await db.Store.ReadStreamAsync(id))[^1].Timestamp };
            Assert.True((want with { RoleIds = NoRoles }) == (actual with { RoleIds = NoRoles }), $"{e.GetType().Name}: expected {want}, read {actual}");
            Assert.Equal(want.RoleIds, actual.RoleIds);
            row = actual;
        }
    }

    private static readonly Guid[] NoRoles = [];

    private static readonly IComparer<Type> TypeByName = Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));
}

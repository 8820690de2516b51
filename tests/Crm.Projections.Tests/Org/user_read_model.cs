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
    public void the_projection_handles_every_user_event()
    {
        var userEvents = Events.EventCatalogue.All.Select(e => e.Type).Where(t => t.Name.StartsWith("User", StringComparison.Ordinal));
        Assert.Empty(userEvents.Except(new UsersProjection().EventTypes));
    }
}

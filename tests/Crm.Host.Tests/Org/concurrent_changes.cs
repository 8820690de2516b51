using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class concurrent_changes(HostFixture host) : IClassFixture<HostFixture>
{
    private ApiCaller Admin => host.Admin;

    [Fact]
    public async Task concurrent_renames_without_if_match_all_succeed_by_deciding_again_on_fresh_state()
    {
        var created = await Admin.CreateDepartmentAsync("Busy");

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Admin.RenameDepartmentAsync(created.Id(), $"Busy {i}")));

        Assert.All(responses, r => Assert.Equal(200, r.Status()));
        Assert.Equal("\"5\"", (await Admin.Scenario(s => s.Get.Url($"{Route}/{created.Id()}"))).ETag());
    }

    [Fact]
    public async Task concurrent_renames_with_the_same_if_match_let_exactly_one_through()
    {
        var created = await Admin.CreateDepartmentAsync("Contested");

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Admin.RenameDepartmentAsync(created.Id(), $"Contested {i}", "\"1\"")));

        Assert.Single(responses, r => r.Status() == 200);
        Assert.All(responses.Where(r => r.Status() != 200), r => Assert.Equal(412, r.Status()));
        Assert.Equal("\"2\"", (await Admin.Scenario(s => s.Get.Url($"{Route}/{created.Id()}"))).ETag());
    }

    [Fact]
    public async Task two_departments_moved_under_each_other_at_once_cannot_close_a_cycle()
    {
        for (var round = 0; round < 5; round++)
        {
            var a = await Admin.CreateDepartmentAsync($"A{round}");
            var b = await Admin.CreateDepartmentAsync($"B{round}");

            var responses = await Task.WhenAll(Admin.MoveDepartmentAsync(a.Id(), b.Id()), Admin.MoveDepartmentAsync(b.Id(), a.Id()));

            Assert.Equal([200, 409], responses.Select(r => r.Status()).Order());
        }
    }
}

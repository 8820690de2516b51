using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class concurrent_changes(HostFixture host) : IClassFixture<HostFixture>
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task concurrent_renames_without_if_match_all_succeed_by_deciding_again_on_fresh_state()
    {
        var created = await Client.CreateAsync("Busy");

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Client.RenameAsync(created.Id(), $"Busy {i}")));

        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        Assert.Equal("\"5\"", (await Client.GetAsync($"{Route}/{created.Id()}")).ETag());
    }

    [Fact]
    public async Task concurrent_renames_with_the_same_if_match_let_exactly_one_through()
    {
        var created = await Client.CreateAsync("Contested");

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Client.RenameAsync(created.Id(), $"Contested {i}", "\"1\"")));

        Assert.Single(responses, r => (int)r.StatusCode == 200);
        Assert.All(responses.Where(r => (int)r.StatusCode != 200), r => Assert.Equal(412, (int)r.StatusCode));
        Assert.Equal("\"2\"", (await Client.GetAsync($"{Route}/{created.Id()}")).ETag());
    }

    [Fact]
    public async Task two_departments_moved_under_each_other_at_once_cannot_close_a_cycle()
    {
        for (var round = 0; round < 5; round++)
        {
            var a = await Client.CreateAsync($"A{round}");
            var b = await Client.CreateAsync($"B{round}");

            var responses = await Task.WhenAll(Client.MoveAsync(a.Id(), b.Id()), Client.MoveAsync(b.Id(), a.Id()));

            Assert.Equal([200, 409], responses.Select(r => (int)r.StatusCode).Order());
        }
    }
}

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
}

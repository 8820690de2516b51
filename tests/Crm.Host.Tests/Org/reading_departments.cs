using System.Text.Json;
using Crm.Host.Tests.Customers;
using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class reading_departments(HostFixture host) : IClassFixture<HostFixture>
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task a_department_reads_back_with_its_version_as_etag()
    {
        var created = await Client.CreateAsync("Marketing");
        var response = await Client.GetAsync($"{Route}/{created.Id()}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(created.ToString(), (await response.JsonAsync()).ToString());
    }

    [Fact]
    public async Task an_unknown_department_is_a_404_problem()
    {
        var problem = await (await Client.GetAsync($"{Route}/{Guid.CreateVersion7()}")).AssertProblemAsync(404);
        Assert.Equal("department_not_found", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task an_id_that_is_not_a_uuid_is_a_400_naming_id()
    {
        await (await Client.GetAsync($"{Route}/not-a-uuid")).AssertProblemAsync(400, "id");
    }

    [Fact]
    public async Task a_past_version_shows_the_department_as_it_was_then()
    {
        var created = await Client.CreateAsync("Research");
        await Client.RenameAsync(created.Id(), "R&D");

        var response = await Client.GetAsync($"{Route}/{created.Id()}?version=1");

        Assert.Equal("Research", (await response.JsonAsync()).Name());
        Assert.Equal("\"1\"", response.ETag());
    }

    [Fact]
    public async Task a_moment_shows_the_department_as_it_was_then()
    {
        var created = await Client.CreateAsync("Purchasing");
        // The creation's own commit time (the database's clock, like the events'): the rename commits after it.
        var between = created.GetProperty("createdAt").GetDateTimeOffset();
        var renamed = await (await Client.RenameAsync(created.Id(), "Procurement")).JsonAsync();
        Assert.True(renamed.GetProperty("updatedAt").GetDateTimeOffset() > between, "the rename did not commit after the creation");

        var then = await Client.GetAsync($"{Route}/{created.Id()}?asOf={Uri.EscapeDataString(between.ToString("O"))}");
        var before = await Client.GetAsync($"{Route}/{created.Id()}?asOf=2000-01-01T00:00:00Z");

        Assert.Equal("Purchasing", (await then.JsonAsync()).Name());
        await before.AssertProblemAsync(404);
    }

    [Theory]
    [InlineData("?version=0", "version")]
    [InlineData("?version=-1", "version")]
    [InlineData("?version=abc", "version")]
    [InlineData("?asOf=yesterday", "asOf")]
    public async Task bad_time_travel_parameters_are_a_400_naming_them(string query, string field)
    {
        var created = await Client.CreateAsync("Quality");
        await (await Client.GetAsync($"{Route}/{created.Id()}{query}")).AssertProblemAsync(400, field);
    }

    [Fact]
    public async Task a_version_the_department_never_reached_is_a_404()
    {
        var created = await Client.CreateAsync("Logistics");
        await (await Client.GetAsync($"{Route}/{created.Id()}?version=9")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task the_list_pages_through_children_by_name_with_a_cursor()
    {
        var parent = await Client.CreateAsync("Regions");
        foreach (var name in new[] { "North", "East", "South", "West", "Central" }) await Client.CreateAsync(name, parent.Id());

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"{Route}?parentId={parent.Id()}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await Client.GetAsync(url)).JsonAsync();
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Name()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(["Central", "East", "North", "South", "West"], names);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?cursor=garbage", "cursor")]
    [InlineData("?parentId=nope", "parentId")]
    public async Task bad_list_parameters_are_a_400_naming_them(string query, string field)
    {
        await (await Client.GetAsync($"{Route}{query}")).AssertProblemAsync(400, field);
    }

    [Fact]
    public async Task history_lists_every_change_with_old_and_new_values_and_the_request_that_made_it()
    {
        var parent = await Client.CreateAsync("Group");
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, """{ "name": "Audit" }""", ("X-Request-Id", "req-audit-1"));
        var id = (await response.JsonAsync()).Id();
        await Client.RenameAsync(id, "Internal audit");
        await Client.MoveAsync(id, parent.Id());

        var history = await Client.GetAsync($"{Route}/{id}/history");

        Assert.Equal("\"3\"", history.ETag());
        var items = (await history.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "renamed", "moved"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.Equal("req-audit-1", items[0].GetProperty("requestId").GetString());
        var rename = items[1].GetProperty("changes")[0];
        Assert.Equal(("name", "Audit", "Internal audit"), (rename.GetProperty("field").GetString(), rename.GetProperty("old").GetString(), rename.GetProperty("new").GetString()));
        Assert.Equal(parent.Id().ToString(), items[2].GetProperty("changes")[0].GetProperty("new").GetString());
    }

    [Fact]
    public async Task history_of_an_unknown_department_is_a_404()
    {
        await (await Client.GetAsync($"{Route}/{Guid.CreateVersion7()}/history")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task another_records_stream_is_not_a_department_history()
    {
        // A customer's id must not open the customer's events through the department endpoint.
        var customer = await Client.CreateCustomerAsync();
        await (await Client.GetAsync($"{Route}/{customer.Id()}/history")).AssertProblemAsync(404);
    }
}

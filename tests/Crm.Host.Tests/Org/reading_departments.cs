using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class reading_departments(HostFixture host) : IClassFixture<HostFixture>
{
    private ApiCaller Admin => host.Admin;

    [Fact]
    public async Task a_department_reads_back_with_its_version_as_etag()
    {
        var created = await Admin.CreateDepartmentAsync("Marketing");
        var response = await Admin.Scenario(s => s.Get.Url($"{Route}/{created.Id()}"));

        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(created.ToString(), response.Json().ToString());
    }

    [Fact]
    public async Task an_unknown_department_is_a_404_problem()
    {
        await Admin.RefusalAsync(HttpMethod.Get, $"{Route}/{Guid.CreateVersion7()}", null, 404, code: "department_not_found");
    }

    [Fact]
    public async Task an_id_that_is_not_a_uuid_is_a_400_naming_id()
    {
        await Admin.RefusalAsync(HttpMethod.Get, $"{Route}/not-a-uuid", null, 400, "id");
    }

    [Fact]
    public async Task a_past_version_shows_the_department_as_it_was_then()
    {
        var created = await Admin.CreateDepartmentAsync("Research");
        await Admin.RenameDepartmentAsync(created.Id(), "R&D");

        var response = await Admin.Scenario(s => s.Get.Url($"{Route}/{created.Id()}?version=1"));

        Assert.Equal("Research", response.Json().Name());
        Assert.Equal("\"1\"", response.ETag());
    }

    [Fact]
    public async Task a_moment_shows_the_department_as_it_was_then()
    {
        var created = await Admin.CreateDepartmentAsync("Purchasing");
        // The creation's own commit time (the database's clock, like the events'): the rename commits after it.
        var between = created.GetProperty("createdAt").GetDateTimeOffset();
        var renamed = (await Admin.RenameDepartmentAsync(created.Id(), "Procurement")).Json();
        Assert.True(renamed.GetProperty("updatedAt").GetDateTimeOffset() > between, "the rename did not commit after the creation");

        var then = await Admin.GetJsonAsync($"{Route}/{created.Id()}?asOf={Uri.EscapeDataString(between.ToString("O"))}");

        Assert.Equal("Purchasing", then.Name());
        await Admin.RefusalAsync(HttpMethod.Get, $"{Route}/{created.Id()}?asOf=2000-01-01T00:00:00Z", null, 404);
    }

    [Theory]
    [InlineData("?version=0", "version")]
    [InlineData("?version=-1", "version")]
    [InlineData("?version=abc", "version")]
    [InlineData("?asOf=yesterday", "asOf")]
    public async Task bad_time_travel_parameters_are_a_400_naming_them(string query, string field)
    {
        var created = await Admin.CreateDepartmentAsync("Quality");
        await Admin.RefusalAsync(HttpMethod.Get, $"{Route}/{created.Id()}{query}", null, 400, field);
    }

    [Fact]
    public async Task a_version_the_department_never_reached_is_a_404()
    {
        var created = await Admin.CreateDepartmentAsync("Logistics");
        await Admin.RefusalAsync(HttpMethod.Get, $"{Route}/{created.Id()}?version=9", null, 404);
    }

    [Fact]
    public async Task the_list_pages_through_children_by_name_with_a_cursor()
    {
        var parent = await Admin.CreateDepartmentAsync("Regions");
        foreach (var name in new[] { "North", "East", "South", "West", "Central" }) await Admin.CreateDepartmentAsync(name, parent.Id());

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"{Route}?parentId={parent.Id()}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await Admin.GetJsonAsync(url);
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
        await Admin.RefusalAsync(HttpMethod.Get, $"{Route}{query}", null, 400, field);
    }

    [Fact]
    public async Task history_lists_every_change_with_old_and_new_values_and_the_request_that_made_it()
    {
        var parent = await Admin.CreateDepartmentAsync("Group");
        var created = await Admin.Scenario(s =>
        {
            s.Post.RawJson("""{ "name": "Audit" }""").ToUrl(Route);
            s.WithRequestHeader("X-Request-Id", "req-audit-1");
            s.StatusCodeShouldBe(201);
        });
        var id = created.Json().Id();
        await Admin.RenameDepartmentAsync(id, "Internal audit");
        await Admin.MoveDepartmentAsync(id, parent.Id());

        var history = await Admin.Scenario(s => s.Get.Url($"{Route}/{id}/history"));

        Assert.Equal("\"3\"", history.ETag());
        var items = history.Json().GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "renamed", "moved"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.Equal("req-audit-1", items[0].GetProperty("requestId").GetString());
        var rename = items[1].GetProperty("changes")[0];
        Assert.Equal(("name", "Audit", "Internal audit"), (rename.GetProperty("field").GetString(), rename.GetProperty("old").GetString(), rename.GetProperty("new").GetString()));
        Assert.Equal(parent.Id().ToString(), items[2].GetProperty("changes")[0].GetProperty("new").GetString());
    }

    [Fact]
    public async Task history_of_an_unknown_department_is_a_404()
    {
        await Admin.RefusalAsync(HttpMethod.Get, $"{Route}/{Guid.CreateVersion7()}/history", null, 404);
    }

    [Fact]
    public async Task another_records_stream_is_not_a_department_history()
    {
        // A customer's id must not open the customer's events through the department endpoint.
        var customer = await Admin.CreatedAsync(CustomerApi.Route, new { name = LeadApi.Unique("Acme") });
        await Admin.RefusalAsync(HttpMethod.Get, $"{Route}/{customer.Id()}/history", null, 404);
    }
}

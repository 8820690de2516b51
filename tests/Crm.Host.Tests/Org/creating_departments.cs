using System.Text.Json;
using static Crm.Host.Tests.Org.DepartmentApi;

namespace Crm.Host.Tests.Org;

public sealed class creating_departments(HostFixture host) : IClassFixture<HostFixture>
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task a_created_department_answers_201_with_its_location_etag_and_trimmed_name()
    {
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, """{ "name": "  Sales  " }""");

        Assert.Equal(201, (int)response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Sales", body.Name());
        Assert.Equal(7, body.Id().Version);
        Assert.Equal($"/api/departments/{body.Id()}", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.ETag());
    }

    [Fact]
    public async Task a_client_may_choose_the_id()
    {
        var id = Guid.NewGuid();
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, $$"""{ "id": "{{id}}", "name": "Support" }""");

        Assert.Equal(id, (await response.JsonAsync()).Id());
        Assert.Equal(200, (int)(await Client.GetAsync($"{Route}/{id}")).StatusCode);
    }

    [Fact]
    public async Task a_department_can_be_created_under_an_existing_parent()
    {
        var parent = await Client.CreateAsync("Head office");
        var child = await Client.CreateAsync("Branch", parent.Id());
        Assert.Equal(parent.Id(), child.ParentId());
    }

    [Fact]
    public async Task a_client_chosen_id_that_exists_is_a_conflict()
    {
        var existing = await Client.CreateAsync("Legal");
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, $$"""{ "id": "{{existing.Id()}}", "name": "Legal again" }""");
        var problem = await response.AssertProblemAsync(409);
        // One answer for every taken id (issue 9): it does not say what holds the id.
        Assert.Equal("id_taken", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{ "name": "" }""", "name")]
    [InlineData("""{ "parentId": null }""", "name")]
    [InlineData("""{ "name": 5 }""", "name")]
    [InlineData("""{ "name": "x", "colour": "red" }""", "colour")]
    [InlineData("""{ "name": "x", "parentId": "not-a-uuid" }""", "parentId")]
    [InlineData("""{ "name": "x", "id": "00000000-0000-0000-0000-000000000000" }""", "id")]
    [InlineData("""{ "name": "x" """, "body")]
    [InlineData("""[1, 2]""", "body")]
    public async Task bad_input_is_a_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var before = await host.EventCountAsync();
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, json);
        await response.AssertProblemAsync(400, field);
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_missing_body_is_a_400()
    {
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, null);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task a_name_over_100_characters_is_a_400_and_100_is_fine()
    {
        var tooLong = JsonSerializer.Serialize(new { name = new string('n', 101) });
        var problem = await (await Client.SendJsonAsync(HttpMethod.Post, Route, tooLong)).AssertProblemAsync(400, "name");
        Assert.Equal("name_too_long", problem.GetProperty("code").GetString());
        await Client.CreateAsync(new string('n', 100));
    }

    [Fact]
    public async Task a_parent_that_does_not_exist_is_a_422_and_writes_nothing()
    {
        var before = await host.EventCountAsync();
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, $$"""{ "name": "Orphan", "parentId": "{{Guid.CreateVersion7()}}" }""");
        var problem = await response.AssertProblemAsync(422, "parentId");
        Assert.Equal("parent_not_found", problem.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_retry_with_the_same_idempotency_key_returns_the_first_response_and_writes_nothing()
    {
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        var first = await Client.SendJsonAsync(HttpMethod.Post, Route, """{ "name": "Finance" }""", key);
        var afterFirst = await host.EventCountAsync();
        var retry = await Client.SendJsonAsync(HttpMethod.Post, Route, """{ "name": "Finance" }""", key);

        Assert.Equal(201, (int)retry.StatusCode);
        Assert.Equal((await first.JsonAsync()).ToString(), (await retry.JsonAsync()).ToString());
        Assert.Equal(first.ETag(), retry.ETag());
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(afterFirst, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_retried_create_with_a_client_chosen_id_replays_instead_of_conflicting()
    {
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        var body = $$"""{ "id": "{{Guid.NewGuid()}}", "name": "Payroll" }""";
        var first = await Client.SendJsonAsync(HttpMethod.Post, Route, body, key);
        var retry = await Client.SendJsonAsync(HttpMethod.Post, Route, body, key);

        Assert.Equal((201, 201), ((int)first.StatusCode, (int)retry.StatusCode));
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
    }

    [Fact]
    public async Task the_same_idempotency_key_with_another_body_is_a_422()
    {
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        await Client.SendJsonAsync(HttpMethod.Post, Route, """{ "name": "Treasury" }""", key);
        var before = await host.EventCountAsync();

        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, """{ "name": "Not treasury" }""", key);

        var problem = await response.AssertProblemAsync(422, "Idempotency-Key");
        Assert.Equal("idempotency_key_reused", problem.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task an_unusable_idempotency_key_is_a_400()
    {
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, """{ "name": "Keyed" }""", ("Idempotency-Key", new string('k', 201)));
        await response.AssertProblemAsync(400, "Idempotency-Key");
    }
}

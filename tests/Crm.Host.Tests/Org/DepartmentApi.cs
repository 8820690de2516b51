using System.Text.Json;

namespace Crm.Host.Tests.Org;

/// <summary>Department calls shared by the department test classes.</summary>
internal static class DepartmentApi
{
    public const string Route = "/api/departments";

    public static async Task<JsonElement> CreateAsync(this HttpClient client, string name, Guid? parentId = null)
    {
        var body = JsonSerializer.Serialize(new { name, parentId }, JsonSerializerOptions.Web);
        var response = await client.SendJsonAsync(HttpMethod.Post, Route, body);
        Assert.Equal(201, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    public static Guid Id(this JsonElement department) => department.GetProperty("id").GetGuid();

    public static string Name(this JsonElement department) => department.GetProperty("name").GetString()!;

    public static Guid? ParentId(this JsonElement department) =>
        department.GetProperty("parentId").ValueKind == JsonValueKind.Null ? null : department.GetProperty("parentId").GetGuid();

    public static Task<HttpResponseMessage> RenameAsync(this HttpClient client, Guid id, string name, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{id}", JsonSerializer.Serialize(new { name }, JsonSerializerOptions.Web),
            ifMatch is null ? [] : [("If-Match", ifMatch)]);

    public static Task<HttpResponseMessage> MoveAsync(this HttpClient client, Guid id, Guid? parentId) =>
        client.SendJsonAsync(HttpMethod.Post, $"{Route}/{id}/move", JsonSerializer.Serialize(new { parentId }, JsonSerializerOptions.Web));

    public static async Task<long> EventCountAsync(this HostFixture host)
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select count(*) from es.events");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}

/// <summary>Department scenarios shared by the department test classes (the Alba style, docs/testing.md).</summary>
internal static class DepartmentScenarios
{
    /// <summary>Creates a department, which must answer 201; its JSON.</summary>
    public static async Task<JsonElement> CreateDepartmentAsync(this ApiCaller caller, string name, Guid? parentId = null) =>
        (await caller.Scenario(s =>
        {
            s.Post.Json(new { name, parentId }).ToUrl(DepartmentApi.Route);
            s.StatusCodeShouldBe(201);
        })).Json();

    /// <summary>Renames a department, whatever it answers (the test reads the status).</summary>
    public static Task<Alba.IScenarioResult> RenameDepartmentAsync(this ApiCaller caller, Guid id, string name, string? ifMatch = null) =>
        caller.Scenario(s =>
        {
            s.Patch.Json(new { name }).ToUrl($"{DepartmentApi.Route}/{id}");
            s.IfMatch(ifMatch);
            s.IgnoreStatusCode();
        });

    /// <summary>Moves a department, whatever it answers.</summary>
    public static Task<Alba.IScenarioResult> MoveDepartmentAsync(this ApiCaller caller, Guid id, Guid? parentId) =>
        caller.Scenario(s =>
        {
            s.Post.Json(new { parentId }).ToUrl($"{DepartmentApi.Route}/{id}/move");
            s.IgnoreStatusCode();
        });
}

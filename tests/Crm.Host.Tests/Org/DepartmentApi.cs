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

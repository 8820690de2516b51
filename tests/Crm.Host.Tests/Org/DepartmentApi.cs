using System.Text.Json;

namespace Crm.Host.Tests.Org;

/// <summary>Department calls shared by the department test classes.</summary>
internal static class DepartmentApi
{
    public const string Route = "/api/departments";

    public static Guid Id(this JsonElement department) => department.GetProperty("id").GetGuid();

    public static string Name(this JsonElement department) => department.GetProperty("name").GetString()!;

    public static Guid? ParentId(this JsonElement department) =>
        department.GetProperty("parentId").ValueKind == JsonValueKind.Null ? null : department.GetProperty("parentId").GetGuid();

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

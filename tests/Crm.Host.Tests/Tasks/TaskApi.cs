using System.Text.Json;
using Alba;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Tasks;

/// <summary>Task calls and the colleagues the task tests sign in as.</summary>
internal static class TaskApi
{
    public const string Route = "/api/tasks";

    public static readonly string[] Worker = ["task.create", "task.list", "task.detail", "task.edit", "task.delete"];

    public static readonly string[] WorkerWithCustomers = [.. Worker, "customer.create", "customer.list", "customer.detail", "customer.edit"];

    public static Task<JsonElement> CreateTaskAsync(this ApiCaller caller, object body) => caller.CreatedAsync(Route, body);

    /// <summary>Sends as the caller (no body: none at all) and answers the JSON body of the expected status.</summary>
    public static async Task<JsonElement> CallAsync(this ApiCaller caller, string method, string path, object? body = null, int status = 200,
        params (string Name, string Value)[] headers) => (await caller.SendAsync(method, path, body, status, headers)).Json();

    /// <summary>Sends as the caller and expects the problem: the status, the field named (when given) and the code.</summary>
    public static Task<IScenarioResult> RefusedAsync(this ApiCaller caller, string method, string path, object? body, int status, string? field,
        string code) => caller.Scenario(s =>
        {
            UserApi.Send(s, method, path, body);
            s.ProblemShouldBe(status, field, code);
        });

    public static string Text(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    /// <summary>A user in the department (or none) with a new role of the permissions at the scope, signed in.</summary>
    public static async Task<(Guid Id, ApiCaller Caller)> ColleagueAsync(this HostFixture host, Guid? departmentId, string scope,
        params string[] permissions)
    {
        var role = await host.Admin.CreatedAsync("/api/roles", new { name = "R " + Guid.NewGuid().ToString("N"), permissions, dataScope = scope });
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.Id() }, departmentId });
        return (user.Id(), await host.SignedInAsync(user.Mobile(), UserApi.Password));
    }
}

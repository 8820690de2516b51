using System.Text.Json;
using Alba;

namespace Crm.Host.Tests;

/// <summary>
/// Who sends a scenario over the API (not the write side's Caller): a signed-in user's bearer token, or none. Tests read as "as whom, do what":
/// <c>await admin.Scenario(s => { s.Get.Url("/api/users"); })</c>. Alba expects a 200 unless the scenario says otherwise.
/// </summary>
public sealed class ApiCaller(IAlbaHost host, string? accessToken)
{
    public string? AccessToken => accessToken;

    public Task<IScenarioResult> Scenario(Action<Scenario> configure) => host.Scenario(s =>
    {
        s.AssertThat(Scenarios.BufferedBody);
        if (accessToken is not null) s.WithBearerToken(accessToken);
        configure(s);
    });

    /// <summary>GETs a JSON resource that must answer 200.</summary>
    public async Task<JsonElement> GetJsonAsync(string url) => (await Scenario(s => s.Get.Url(url))).Json();
}

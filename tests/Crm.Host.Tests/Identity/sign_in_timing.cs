using System.Diagnostics;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Identity;

public sealed class sign_in_timing(sign_in_timing.NoLimits host) : IClassFixture<sign_in_timing.NoLimits>
{
    public sealed class NoLimits : HostFixture
    {
        protected override IEnumerable<(string Key, string Value)> Settings() =>
            [("Crm:Auth:LoginAttemptsPerMobile", "1000"), ("Crm:Auth:LoginAttemptsPerAddress", "1000")];
    }

    [Fact]
    public async Task an_unknown_mobile_number_costs_about_as_much_time_as_a_wrong_password()
    {
        var user = await host.Client.CreateUserAsync();
        await host.Anonymous.LoginAsync(user.Mobile(), "warm up");

        var wrong = await MedianAsync(() => host.Anonymous.LoginAsync(user.Mobile(), "not the password"));
        var unknown = await MedianAsync(() => host.Anonymous.LoginAsync(NewMobile(), "not the password"));

        // Without the dummy hash an unknown number answers many times faster (no PBKDF2 at all); the
        // bound is loose because the machine is shared.
        Assert.True(unknown >= wrong / 4, $"unknown {unknown.TotalMilliseconds} ms vs wrong password {wrong.TotalMilliseconds} ms");
    }

    private static async Task<TimeSpan> MedianAsync(Func<Task<HttpResponseMessage>> attempt)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(401, (int)(await attempt()).StatusCode);
            times.Add(watch.Elapsed);
        }
        return times.Order().ElementAt(times.Count / 2);
    }
}

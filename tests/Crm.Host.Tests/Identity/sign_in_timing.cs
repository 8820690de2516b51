using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Identity.UserApi;

namespace Crm.Host.Tests.Identity;

/// <summary>
/// A sign-in for an unknown mobile number must cost what a wrong password costs, so answer times do not
/// tell which numbers have accounts. Checked by structure, not by a stopwatch (speed belongs in ops/bench):
/// both verify exactly one hash, and both hashes ask for the same PBKDF2 work.
/// </summary>
public sealed class sign_in_timing(sign_in_timing.WatchedHasher host) : IClassFixture<sign_in_timing.WatchedHasher>
{
    public sealed class WatchedHasher : HostFixture
    {
        public RecordingHasher Hasher { get; } = new();

        protected override IEnumerable<(string Key, string Value)> Settings() =>
            [("Crm:Auth:LoginAttemptsPerMobile", "1000"), ("Crm:Auth:LoginAttemptsPerAddress", "1000")];

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IPasswordHasher<object>>(Hasher);
    }

    /// <summary>The real hasher, noting every hash a password is verified against.</summary>
    public sealed class RecordingHasher : IPasswordHasher<object>
    {
        private readonly PasswordHasher<object> inner = new();

        public ConcurrentQueue<string> Verified { get; } = new();

        public string HashPassword(object user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(object user, string hashedPassword, string providedPassword)
        {
            Verified.Enqueue(hashedPassword);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task an_unknown_mobile_number_verifies_a_hash_of_the_same_cost_as_a_wrong_password_does()
    {
        var user = await host.Admin.CreateUserAsync();
        var stored = await StoredHashAsync(user.GetProperty("id").GetGuid());

        var wrong = await VerifiedDuringAsync(user.Mobile());
        var unknown = await VerifiedDuringAsync(NewMobile());

        Assert.Equal(stored, Assert.Single(wrong));
        var dummy = Assert.Single(unknown);
        Assert.NotEqual(stored, dummy);
        // Identity's v3 format: 0x01, PRF, iteration count, salt length (big-endian uint32s), then salt and subkey.
        // The same header and length means the same algorithm, iterations and sizes: the same PBKDF2 work.
        var (a, b) = (Convert.FromBase64String(stored), Convert.FromBase64String(dummy));
        Assert.Equal(0x01, a[0]);
        Assert.Equal(a[..13], b[..13]);
        Assert.Equal(a.Length, b.Length);
    }

    /// <summary>The hashes verified while the mobile number signs in with a wrong password (refused with a 401).</summary>
    private async Task<List<string>> VerifiedDuringAsync(string mobile)
    {
        host.Hasher.Verified.Clear();
        await host.SignedOut.LoginAsync(mobile, "not the password", 401);
        return [.. host.Hasher.Verified];
    }

    private async Task<string> StoredHashAsync(Guid userId)
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select password_hash from auth.credentials where user_id = @id");
        cmd.Parameters.AddWithValue("id", userId);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}

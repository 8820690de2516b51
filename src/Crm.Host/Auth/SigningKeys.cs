using Crm.Host.Platform;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Crm.Host.Auth;

/// <summary>
/// Makes sure the shared key ring has its first key before the host serves. Without this, hosts
/// starting together could each create a first key of their own on their first sign-in and refuse
/// each other's tokens until their next key-ring refresh (about a day). Under an advisory lock the
/// first host creates the key and the others load it. Later keys are created days before they
/// activate, so every host has read them by then.
/// </summary>
public static class SigningKeys
{
    private const long Key = 0x4352_4D5F_4450_4B; // "CRM_DPK"

    public static async Task PrepareSigningKeysAsync(this WebApplication app)
    {
        var dataSource = app.Services.GetRequiredService<LeadershipDataSource>().DataSource;
        await using var keyLock = await AdvisoryLock.AcquireAsync(dataSource, Key, app.Lifetime.ApplicationStopping);
        // Protecting anything loads the ring and, when it has no usable key, creates and stores one.
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("crm:key-ring-check").Protect("ready"u8.ToArray());
    }
}

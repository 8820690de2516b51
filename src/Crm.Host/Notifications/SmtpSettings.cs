using MailKit.Security;

namespace Crm.Host.Notifications;

/// <summary>
/// The e-mail channel's SMTP server, from Crm:Smtp:* (Host — unset: no e-mail; Port, 25; Security: none, starttls, ssl or auto;
/// UserName and Password when the server wants them; From, the sender address).
/// </summary>
public sealed record SmtpSettings(string? Host, int Port, SecureSocketOptions Security, string? UserName, string? Password, string From)
{
    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public static SmtpSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Crm:Smtp");
        var security = section["Security"]?.ToLowerInvariant() switch
        {
            "starttls" => SecureSocketOptions.StartTls,
            "ssl" => SecureSocketOptions.SslOnConnect,
            "auto" => SecureSocketOptions.Auto,
            null or "" or "none" => SecureSocketOptions.None,
            var other => throw new InvalidOperationException($"Crm:Smtp:Security is none, starttls, ssl or auto, not '{other}'."),
        };
        return new SmtpSettings(section["Host"], section.GetValue("Port", 25), security, section["UserName"], section["Password"],
            section["From"] ?? "crm@localhost");
    }
}

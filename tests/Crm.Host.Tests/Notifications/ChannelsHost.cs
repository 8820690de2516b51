namespace Crm.Host.Tests.Notifications;

/// <summary>
/// The host with the e-mail channel pointed at an in-process SMTP sink, webhooks allowed to loopback (the receivers are local), and the
/// channels' retries a fraction of a second apart.
/// </summary>
public sealed class ChannelsHost : HostFixture
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Crm:Smtp:Host", "127.0.0.1"), ("Crm:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Crm:Smtp:From", "crm@example.test"), ("Crm:Webhooks:AllowPrivateNetworks", "true"),
        ("Crm:Notifications:ChannelRetrySeconds", "0.2,0.2,0.2"),
    ];
}

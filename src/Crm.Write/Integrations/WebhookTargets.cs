using System.Net;
using Crm.Write.Notifications;

namespace Crm.Write.Integrations;

/// <summary>
/// Where an integration webhook may point (SSRF): an absolute http or https URL without credentials or fragment, never at this
/// network's own machines (<see cref="WebhookAddress.IsPrivate"/>: loopback, private, link-local such as cloud metadata …) unless the
/// address lies in a network the operator allowed (Crm:Webhooks:AllowedNetworks, e.g. "10.1.2.0/24"). The same rule is applied to
/// every connection after name resolution (the host's webhook client), so a name that later resolves inwards is refused then.
/// </summary>
public sealed class WebhookTargets(IReadOnlyList<IPNetwork> allowed)
{
    public const int MaxUrlLength = 2000;

    /// <summary>Parses the allow-list ("127.0.0.0/8, ::1/128"); a malformed entry stops the host at start-up.</summary>
    public static WebhookTargets Parse(string? networks) =>
        new([.. (networks ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(IPNetwork.Parse)]);

    /// <summary>True when a connection to <paramref name="address"/> must not be made.</summary>
    public bool Refuses(IPAddress address)
    {
        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return WebhookAddress.IsPrivate(ip) && !allowed.Any(n => n.Contains(ip));
    }

    public DomainError? Check(string? url)
    {
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return DomainError.Invalid("url", "webhook_url_invalid",
                $"An absolute http or https URL of at most {MaxUrlLength} characters, without credentials or fragment.");
        }
        var literal = IPAddress.TryParse(uri.IdnHost, out var ip) ? ip : uri.IsLoopback ? IPAddress.Loopback : null;
        if (literal is not null && Refuses(literal))
            return DomainError.Unprocessable("url", "webhook_url_private", "A webhook may not point at this network's own machines.");
        return null;
    }
}

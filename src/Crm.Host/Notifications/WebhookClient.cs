using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Crm.Write.Notifications;

namespace Crm.Host.Notifications;

/// <summary>
/// Posts signed webhook bodies. Every connection is checked where it goes, after name resolution (a name that resolves to this network's
/// own machines — loopback, private, link-local such as cloud metadata — is refused unless Crm:Webhooks:AllowPrivateNetworks): a URL
/// checked only when it was set could be pointed inwards later by its DNS. No redirects are followed; 10 s per attempt.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    public const string SignatureHeader = "X-Crm-Signature";

    private readonly HttpClient http;

    public WebhookClient(NotificationDeliverySettings settings) : this(ip => !settings.AllowPrivateWebhooks && WebhookAddress.IsPrivate(ip))
    {
    }

    /// <param name="refuses">Which resolved addresses a connection must not go to (the integration webhooks' allow-list).</param>
    public WebhookClient(Func<IPAddress, bool> refuses)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy would resolve the target itself, past the check below (HTTP_PROXY and the like are never honoured).
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, ct) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
                if (addresses.Any(refuses))
                    throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to an address of this network's own machines.");
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // The receiver is the user's: its answer's body is never read, nor buffered.
        http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = 4096 };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("crm-webhooks/1");
    }

    /// <summary>Posts the body; throws <see cref="ChannelDeliveryException"/> unless the receiver answers 2xx.</summary>
    public async Task PostAsync(string url, string secret, Guid deliveryId, string body, DateTimeOffset now, CancellationToken ct)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Crm-Delivery", deliveryId.ToString());
        request.Headers.Add(SignatureHeader, $"t={timestamp},v1={Sign(secret, timestamp, body)}");
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                throw new ChannelDeliveryException($"The webhook answered {(int)response.StatusCode} to delivery {deliveryId}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new ChannelDeliveryException($"The webhook could not be reached for delivery {deliveryId}: {e.Message}", e);
        }
    }

    /// <summary>Hex HMAC-SHA256 of "{timestamp}.{body}" under the secret: what a receiver recomputes (and compares in constant time).</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public void Dispose() => http.Dispose();
}

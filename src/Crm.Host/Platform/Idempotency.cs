using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Crm.Host.Platform;

public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxLength = 200;

    public static bool IsUsableKey(string? key) =>
        // Printable ASCII only, as a header field should be; other bytes reach us decoded leniently (see ProblemDetailsSetup).
        key is null || (key.Length is > 0 and <= MaxLength && key.All(c => c is >= ' ' and <= '~') && key.Trim().Length == key.Length);

    /// <summary>
    /// The key as the command log stores it: the caller's own. Two callers sending the same key are two
    /// requests; neither may replay the other's result or learn that the key was used.
    /// </summary>
    public static string CallerKey(Guid? actorId, string key) => $"{actorId?.ToString("N") ?? "anonymous"}:{key}";

    /// <summary>
    /// Fingerprint of what the key was sent with: method, path and the parsed body. The same key on
    /// another request (another body, another record) is refused rather than answered with a result
    /// that belongs to something else.
    /// </summary>
    public static string RequestHash(HttpRequest request, object? body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{request.Method} {request.Path}\n{JsonSerializer.Serialize(body, JsonSerializerOptions.Web)}")));
}

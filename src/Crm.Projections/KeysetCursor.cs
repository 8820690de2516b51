using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Crm.Projections;

/// <summary>
/// Opaque list cursors: the (sort value, id) of the last row served, base64url-encoded so clients
/// treat it as a token rather than something to build by hand.
/// </summary>
public static class KeysetCursor
{
    public static string Encode(string sortValue, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { sortValue, id.ToString() })));

    public static bool TryDecode(string? cursor, out (string SortValue, Guid Id) position)
    {
        position = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 2048) return false;
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor));
            if (parts is not [var sortValue, var id] || !Guid.TryParse(id, out var guid)) return false;
            position = (sortValue, guid);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}

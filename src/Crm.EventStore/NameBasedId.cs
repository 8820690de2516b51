using System.Security.Cryptography;

namespace Crm.EventStore;

/// <summary>
/// A name-based UUID (RFC 9562 version 8, from the first 16 bytes of the name's SHA-256): the same name gives the same id on
/// every node and every run. Ids made this way are stored (event ids of keyed appends, subscription message ids, inbox streams):
/// the bytes of a name must never change.
/// </summary>
public static class NameBasedId
{
    public static Guid Of(ReadOnlySpan<byte> name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}

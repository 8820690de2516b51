using System.Data;
using Crm.EventStore;
using Npgsql;

namespace Crm.Projections.Attachments;

/// <summary>
/// The attachments' bytes in crm.attachment_blobs, one row per SHA-256 (docs/attachments.md, "Storage"). Written in the transaction
/// of the attachment.added event that names them, so no event names bytes that were not stored and no bytes are stored for an upload
/// that was refused; the same bytes uploaded twice are stored once.
/// </summary>
public sealed class AttachmentBlobs(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The append's extra work: the bytes inserted (unless stored already) in the append's own transaction, before its events. It takes
    /// no lock: two uploads of the same new bytes meet on the primary key, and the second waits for the first and then does nothing.
    /// </summary>
    public static AppendGuard Storing(byte[] sha256, ReadOnlyMemory<byte> content) => new([], async (connection, tx, ct) =>
    {
        await using var cmd = new NpgsqlCommand(
            "insert into crm.attachment_blobs (sha256, size, content) values (@sha, @size, @content) on conflict (sha256) do nothing",
            connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<byte[]>("sha", sha256));
        cmd.Parameters.Add(new NpgsqlParameter<long>("size", content.Length));
        cmd.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("content", content));
        await cmd.ExecuteNonQueryAsync(ct);
        return true;
    });

    /// <summary>Copies the bytes stored under <paramref name="sha256Hex"/> to <paramref name="destination"/>; false when none are stored.</summary>
    public async Task<bool> CopyToAsync(string sha256Hex, Stream destination, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("select content from crm.attachment_blobs where sha256 = @sha");
        cmd.Parameters.Add(new NpgsqlParameter<byte[]>("sha", Convert.FromHexString(sha256Hex)));
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct)) return false;
        await using var content = await reader.GetStreamAsync(0, ct);
        await content.CopyToAsync(destination, ct);
        return true;
    }

    /// <summary>How many distinct contents are stored under these keys (tests: the same bytes twice are one blob).</summary>
    public async Task<int> CountAsync(IReadOnlyCollection<string> sha256Hex, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("select count(*)::int from crm.attachment_blobs where sha256 = any(@keys)");
        cmd.Parameters.Add(new NpgsqlParameter<byte[][]>("keys", sha256Hex.Select(Convert.FromHexString).ToArray()));
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }
}

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
    /// The append's extra work: the bytes inserted (unless stored already) in the append's own transaction, before its events, under
    /// the content's lock (<see cref="SweepAsync"/> takes it too, so it never deletes bytes an upload in flight is about to name). Two
    /// uploads of the same new bytes take turns; the second finds them stored and does nothing.
    /// </summary>
    public static AppendGuard Storing(byte[] sha256, ReadOnlyMemory<byte> content) =>
        new([LockOf(Convert.ToHexStringLower(sha256))], async (connection, tx, ct) =>
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

    /// <summary>
    /// Deletes the bytes no attachment names any more (every attachment naming them deleted); answers how many. Each content is
    /// deleted under its lock, re-checked there; nothing is deleted while crm.attachments is back-filled (its table is incomplete).
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var unnamed = new List<byte[]>();
        await using (var find = new NpgsqlCommand($"select sha256 from crm.attachment_blobs b where {Unnamed}", connection))
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) unnamed.Add(reader.GetFieldValue<byte[]>(0));
        }
        var deleted = 0;
        foreach (var sha in unnamed)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using var sweep = new NpgsqlBatch(connection, tx)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("select pg_advisory_xact_lock(hashtextextended(@key, 4242))")
                    {
                        Parameters = { new NpgsqlParameter<string>("key", LockOf(Convert.ToHexStringLower(sha))) },
                    },
                    new NpgsqlBatchCommand($"delete from crm.attachment_blobs b where sha256 = @sha and {Unnamed}")
                    {
                        Parameters = { new NpgsqlParameter<byte[]>("sha", sha) },
                    },
                },
            };
            await sweep.ExecuteNonQueryAsync(ct);
            deleted += sweep.BatchCommands[1].RecordsAffected;
            await tx.CommitAsync(ct);
        }
        return deleted;
    }

    private const string Unnamed = "not exists (select 1 from crm.attachments a where a.sha256 = encode(b.sha256, 'hex')) "
        + "and not exists (select 1 from es.shadow_rebuilds r where r.projection = 'crm.attachments' and r.backfill)";

    /// <summary>The advisory lock's name for one content (hashed by the append's guard as every guard's lock).</summary>
    private static string LockOf(string sha256Hex) => "crm.attachment_blob:" + sha256Hex;

    /// <summary>How many distinct contents are stored under these keys (tests: the same bytes twice are one blob).</summary>
    public async Task<int> CountAsync(IReadOnlyCollection<string> sha256Hex, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("select count(*)::int from crm.attachment_blobs where sha256 = any(@keys)");
        cmd.Parameters.Add(new NpgsqlParameter<byte[][]>("keys", sha256Hex.Select(Convert.FromHexString).ToArray()));
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }
}

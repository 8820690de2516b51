using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Attachments;

/// <summary>One attachment as crm.attachments has it.</summary>
public sealed record AttachmentRow(
    Guid Id, string RecordKind, Guid RecordId, string FileName, string ContentType, long Size, string Sha256, Guid? UploadedBy,
    DateTimeOffset UploadedAt, long Version);

/// <summary>Reads of crm.attachments (inline: a client reads its own uploads).</summary>
public sealed class AttachmentQueries(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, record_kind, record_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at, version";

    public async Task<AttachmentRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from crm.attachments where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(new RowReader(reader)) : null;
    }

    /// <summary>The attachment the record's stream gained at <paramref name="version"/> (an upload's replay finds its answer by it).</summary>
    public async Task<AttachmentRow?> AtVersionAsync(Guid recordId, long version, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from crm.attachments where record_id = @record and version = @version");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", recordId));
        cmd.Parameters.Add(new NpgsqlParameter<long>("version", version));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(new RowReader(reader)) : null;
    }

    /// <summary>A record's attachments, oldest first (a record has few: the list is not paged).</summary>
    public async Task<IReadOnlyList<AttachmentRow>> OfRecordAsync(Guid recordId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from crm.attachments where record_id = @record order by uploaded_at, id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", recordId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<AttachmentRow>();
        while (await reader.ReadAsync(ct)) rows.Add(Read(new RowReader(reader)));
        return rows;
    }

    private static AttachmentRow Read(RowReader r) => new(r.Id("id"), r.Text("record_kind"), r.Id("record_id"), r.Text("file_name"),
        r.Text("content_type"), r.Long("size"), r.Text("sha256"), r.IdOrNull("uploaded_by"), r.Time("uploaded_at"), r.Long("version"));
}

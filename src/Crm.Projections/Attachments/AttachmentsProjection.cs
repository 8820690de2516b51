using Crm.Events;
using Crm.Events.Attachments;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Attachments;

/// <summary>
/// crm.attachments, inline: one row per attachment not deleted, from the record's own stream. An erasure of the record's personal
/// data masks its attachments' file names here as it masks them in the events, so a rebuild from the masked events writes the same rows.
/// </summary>
public sealed class AttachmentsProjection : EventProjection
{
    public override string Name => "crm.attachments";

    public override IReadOnlyList<string> Tables { get; } = ["crm.attachments"];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(AttachmentAdded), typeof(AttachmentRemoved), typeof(CustomerPersonalDataErased), typeof(LeadPersonalDataErased),
            typeof(ContactPersonalDataErased)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        switch (e.Data)
        {
            case AttachmentAdded x:
                batch.BatchCommands.Add(Added(x, e));
                break;
            case AttachmentRemoved x:
                batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from crm.attachments where id = @id")
                {
                    Parameters = { new NpgsqlParameter<Guid>("id", x.AttachmentId) },
                });
                break;
            case CustomerPersonalDataErased or LeadPersonalDataErased or ContactPersonalDataErased:
                batch.BatchCommands.Add(new NpgsqlBatchCommand("update crm.attachments set file_name = @erased where record_id = @record")
                {
                    Parameters = { new NpgsqlParameter<string>("erased", PersonalData.Erased), new NpgsqlParameter<Guid>("record", e.StreamId) },
                });
                break;
        }
    }

    private static NpgsqlBatchCommand Added(AttachmentAdded x, StoredEvent e) => new(
        """
        insert into crm.attachments (id, record_kind, record_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at, version)
        values (@id, @kind, @record, @name, @type, @size, @sha, @by, @at, @version)
        on conflict (id) do nothing
        """)
    {
        Parameters =
        {
            new NpgsqlParameter<Guid>("id", x.AttachmentId),
            new NpgsqlParameter<string>("kind", x.RecordKind),
            new NpgsqlParameter<Guid>("record", x.RecordId),
            new NpgsqlParameter<string>("name", x.FileName),
            new NpgsqlParameter<string>("type", x.ContentType),
            new NpgsqlParameter<long>("size", x.Size),
            new NpgsqlParameter<string>("sha", x.Sha256),
            new NpgsqlParameter("by", NpgsqlDbType.Uuid) { Value = (object?)x.UploadedBy ?? DBNull.Value },
            new NpgsqlParameter<DateTimeOffset>("at", x.At),
            new NpgsqlParameter<long>("version", e.Version),
        },
    };

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.attachments");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

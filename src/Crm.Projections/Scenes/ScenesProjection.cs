using Crm.Events;
using Crm.Events.Scenes;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Scenes;

/// <summary>crm.scenes, inline with the scene stream.</summary>
public sealed class ScenesProjection : SingleStreamProjection<SceneRow>
{
    internal const string Columns = "id, owner_id, kind, name, filter::text, sort, q, is_default, sort_order, version, created_at, updated_at";

    public override string Name => "crm.scenes";

    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(SceneCreated).Namespace).Select(e => e.Type).ToArray();

    protected override SceneRow? Evolve(SceneRow? current, Guid key, StoredEvent e) => SceneRow.Evolve(current, e);

    internal static SceneRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6), r.GetBoolean(7), r.GetInt32(8), r.GetInt64(9),
        r.GetFieldValue<DateTimeOffset>(10), r.GetFieldValue<DateTimeOffset>(11));

    protected override async Task<IReadOnlyDictionary<Guid, SceneRow>> LoadAsync(
        IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {Columns} from crm.scenes where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", keys.ToArray()));
        var rows = new Dictionary<Guid, SceneRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = Read(reader);
            rows[row.Id] = row;
        }
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, SceneRow doc)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.scenes (id, owner_id, kind, name, filter, sort, q, is_default, sort_order, version, created_at, updated_at)
            values (@id, @owner, @kind, @name, @filter, @sort, @q, @default, @order, @version, @created, @updated)
            on conflict (id) do update set name = excluded.name, filter = excluded.filter, sort = excluded.sort, q = excluded.q,
                is_default = excluded.is_default, sort_order = excluded.sort_order, version = excluded.version, updated_at = excluded.updated_at
            """);
        var p = cmd.Parameters;
        p.Add(new NpgsqlParameter<Guid>("id", doc.Id));
        p.Add(new NpgsqlParameter<Guid>("owner", doc.OwnerId));
        p.Add(new NpgsqlParameter<string>("kind", doc.Kind));
        p.Add(new NpgsqlParameter<string>("name", doc.Name));
        p.Add(new NpgsqlParameter("filter", NpgsqlDbType.Jsonb) { Value = (object?)doc.Filter ?? DBNull.Value });
        p.Add(new NpgsqlParameter<string>("sort", doc.Sort));
        p.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = (object?)doc.Q ?? DBNull.Value });
        p.Add(new NpgsqlParameter<bool>("default", doc.IsDefault));
        p.Add(new NpgsqlParameter<int>("order", doc.Order));
        p.Add(new NpgsqlParameter<long>("version", doc.Version));
        p.Add(new NpgsqlParameter<DateTimeOffset>("created", doc.CreatedAt));
        p.Add(new NpgsqlParameter<DateTimeOffset>("updated", doc.UpdatedAt));
        batch.BatchCommands.Add(cmd);
    }

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = new NpgsqlBatchCommand("delete from crm.scenes where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.scenes");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

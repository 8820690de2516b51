using Npgsql;

namespace Crm.Projections.Scenes;

/// <summary>Reads of scenes: one, or one user's scenes of a kind in their order.</summary>
public sealed class SceneQueries(NpgsqlDataSource dataSource)
{
    public async Task<SceneRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {SceneSql.Binder.SelectList} from crm.scenes where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? SceneSql.Binder.Read(reader) : null;
    }

    /// <summary>The owner's scenes, of one kind or (kind null) all, ordered by kind, order index, then name.</summary>
    public async Task<IReadOnlyList<SceneRow>> OfOwnerAsync(Guid ownerId, string? kind, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select {SceneSql.Binder.SelectList} from crm.scenes where owner_id = @owner and (@kind::text is null or kind = @kind) "
            + "order by kind, sort_order, lower(name), id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", ownerId));
        cmd.Parameters.Add(new NpgsqlParameter("kind", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)kind ?? DBNull.Value });
        var rows = new List<SceneRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(SceneSql.Binder.Read(reader));
        return rows;
    }
}

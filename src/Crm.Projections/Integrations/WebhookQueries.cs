using Npgsql;

namespace Crm.Projections.Integrations;

/// <summary>Reads of crm.webhooks: the live (not deleted) webhooks, newest first.</summary>
public sealed class WebhookQueries(NpgsqlDataSource dataSource)
{
    /// <summary>A webhook, deleted ones too (the delivery handler skips those); null when there is none.</summary>
    public async Task<WebhookRow?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"select {WebhookSql.Binder.SelectList} from crm.webhooks where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? WebhookSql.Binder.Read(reader) : null;
    }

    /// <summary>Up to <paramref name="limit"/> live webhooks older than <paramref name="before"/> (ids are time-ordered), newest first.</summary>
    public async Task<IReadOnlyList<WebhookRow>> ListAsync(Guid? before, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {WebhookSql.Binder.SelectList} from crm.webhooks
             where not deleted and (@before::uuid is null or id < @before) order by id desc limit @limit
            """);
        cmd.Parameters.Add(new NpgsqlParameter("before", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)before ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var rows = new List<WebhookRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(WebhookSql.Binder.Read(reader));
        return rows;
    }
}

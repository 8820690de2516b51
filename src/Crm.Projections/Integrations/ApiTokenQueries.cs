using Npgsql;

namespace Crm.Projections.Integrations;

/// <summary>An API token with when it was last used.</summary>
public sealed record ApiTokenView(ApiTokenRow Token, DateTimeOffset? LastUsedAt);

/// <summary>Reads of crm.api_tokens, and the last-used mark the sign-in writes.</summary>
public sealed class ApiTokenQueries(NpgsqlDataSource dataSource)
{
    private const string Select = "select t.*, u.last_used_at from crm.api_tokens t left join crm.api_token_uses u on u.token_id = t.id";

    public async Task<ApiTokenView?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"{Select} where t.id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        var rows = await ReadAsync(cmd, ct);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>Up to <paramref name="limit"/> tokens older than <paramref name="before"/> (ids are time-ordered), newest first, revoked ones too.</summary>
    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(Guid? before, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"{Select} where (@before::uuid is null or t.id < @before) order by t.id desc limit @limit");
        cmd.Parameters.Add(new NpgsqlParameter("before", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)before ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Marks the token used now; written at most once a minute per token (a busy token is not a write per request).</summary>
    public async Task TouchAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            insert into crm.api_token_uses as u (token_id, last_used_at) values (@id, @now)
            on conflict (token_id) do update set last_used_at = excluded.last_used_at where u.last_used_at < @now - interval '1 minute'
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<IReadOnlyList<ApiTokenView>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<ApiTokenView>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var used = reader.GetOrdinal("last_used_at");
            rows.Add(new ApiTokenView(ApiTokenSql.Binder.Read(reader), reader.IsDBNull(used) ? null : reader.GetFieldValue<DateTimeOffset>(used)));
        }
        return rows;
    }
}

using Npgsql;

namespace Crm.Projections;

/// <summary>
/// The shared half of every "(sort value, id) > cursor" list: the cursor's parameters, and reading one
/// row past the page to know whether another page follows (no count query).
/// </summary>
public static class KeysetPages
{
    /// <summary>Binds @hasAfter, @afterName, @afterId and @take (the page size plus one) for a query ordered by (sort value, id).</summary>
    public static void BindCursor(NpgsqlCommand cmd, string? cursor, int limit)
    {
        var hasAfter = KeysetCursor.TryDecode(cursor, out var after);
        cmd.Parameters.Add(new NpgsqlParameter<bool>("hasAfter", hasAfter));
        cmd.Parameters.Add(new NpgsqlParameter<string>("afterName", after.SortValue ?? ""));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("afterId", after.Id));
        cmd.Parameters.Add(new NpgsqlParameter<int>("take", limit + 1));
    }

    /// <summary>Runs the query and cuts the page; the next cursor is the last row's key.</summary>
    public static async Task<Page<T>> ReadAsync<T>(
        NpgsqlCommand cmd, int limit, Func<NpgsqlDataReader, T> read, Func<T, (string SortValue, Guid Id)> key, CancellationToken ct)
    {
        var rows = new List<T>(limit + 1);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        }
        if (rows.Count <= limit) return new Page<T>(rows, null);
        rows.RemoveAt(limit);
        var (sortValue, id) = key(rows[^1]);
        return new Page<T>(rows, KeysetCursor.Encode(sortValue, id));
    }
}

using System.Globalization;
using Crm.Projections.Filtering;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections;

/// <summary>How one table is listed: what to select from it, how to read a row, and where free text looks.</summary>
/// <param name="From">Table and alias, e.g. "crm.customers c".</param>
/// <param name="SearchColumns">Columns free text is matched inside (ILIKE, served by trigram indexes).</param>
internal sealed record ListSource<T>(
    string From, string Alias, string Columns, Func<NpgsqlDataReader, T> Read, IReadOnlyList<string> SearchColumns,
    Func<T, Guid> Id, Func<T, string> Name, Func<T, DateTimeOffset> CreatedAt, Func<T, DateTimeOffset> UpdatedAt);

/// <summary>
/// The one keyset-paged list query every record list shares: visibility (the caller's scope, as SQL
/// with its parameters), free text, a compiled filter tree, (sort key, id) ordering and the cursor.
/// </summary>
internal static class KeysetList
{
    public static async Task<Page<T>> QueryAsync<T>(
        NpgsqlDataSource dataSource, ListSource<T> source, string visibility, Action<NpgsqlParameterCollection> visibilityParameters,
        ListSort? sort, FilterNode? filterTree, string? q, int limit, string? cursor, CancellationToken ct)
    {
        sort ??= ListSort.Default;
        var filter = FilterSql.Compile(filterTree);
        var hasAfter = KeysetCursor.TryDecode(cursor, out var after);
        var like = string.IsNullOrWhiteSpace(q) ? null : "%" + FilterSql.EscapeLike(q.Trim()) + "%";
        var search = string.Join(" or ", source.SearchColumns.Select(c => $"{source.Alias}.{c} ilike @q"));
        var direction = sort.Descending ? "desc" : "asc";
        var sortColumn = sort.Column(source.Alias);
        var keyset = hasAfter ? $"and ({sortColumn}, {source.Alias}.id) {(sort.Descending ? "<" : ">")} (@afterValue, @afterId)" : "";
        var columns = string.Join(", ", source.Columns.Split(", ").Select(c => source.Alias + "." + c));

        // No "@q is null or …" for a list without free text, and the page size as a literal (a handful of values): with either
        // as a parameter PostgreSQL re-planned the list on every call (a custom plan that folds it beats the generic one,
        // which cannot know how few rows LIMIT wants), 200+ µs per page; this text gets one plan per prepared statement.
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {columns} from {source.From}
            where {visibility}
              {(like is null ? "" : $"and ({search})")}
              and {filter.Sql}
              {keyset}
            order by {sortColumn} {direction}, {source.Alias}.id {direction}
            limit {limit + 1}
            """);
        visibilityParameters(cmd.Parameters);
        if (like is not null) cmd.Parameters.Add(new NpgsqlParameter<string>("q", like));
        cmd.Parameters.AddRange(filter.Parameters.ToArray());
        if (hasAfter)
        {
            cmd.Parameters.Add(sort.Field == "name"
                ? new NpgsqlParameter("afterValue", NpgsqlDbType.Text) { Value = after.SortValue }
                : new NpgsqlParameter("afterValue", NpgsqlDbType.TimestampTz) { Value = ParseTime(after.SortValue) });
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("afterId", after.Id));
        }

        var rows = new List<T>(limit + 1);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows.Add(source.Read(reader));
        }
        if (rows.Count <= limit) return new Page<T>(rows, null);
        rows.RemoveAt(limit);
        var last = rows[^1];
        var sortValue = sort.Field switch
        {
            "name" => source.Name(last),
            "createdAt" => source.CreatedAt(last).ToString("O", CultureInfo.InvariantCulture),
            _ => source.UpdatedAt(last).ToString("O", CultureInfo.InvariantCulture),
        };
        return new Page<T>(rows, KeysetCursor.Encode(sortValue, source.Id(last)));
    }

    /// <summary>How many rows the list has in all (opt-in: counting is the slow part of a list at scale).</summary>
    public static async Task<long> CountAsync<T>(
        NpgsqlDataSource dataSource, ListSource<T> source, string visibility, Action<NpgsqlParameterCollection> visibilityParameters,
        FilterNode? filterTree, string? q, CancellationToken ct)
    {
        var filter = FilterSql.Compile(filterTree);
        var like = string.IsNullOrWhiteSpace(q) ? null : "%" + FilterSql.EscapeLike(q.Trim()) + "%";
        var search = string.Join(" or ", source.SearchColumns.Select(c => $"{source.Alias}.{c} ilike @q"));
        await using var cmd = dataSource.CreateCommand(
            $"select count(*) from {source.From} where {visibility} and (@q::text is null or {search}) and {filter.Sql}");
        visibilityParameters(cmd.Parameters);
        cmd.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = (object?)like ?? DBNull.Value });
        cmd.Parameters.AddRange(filter.Parameters.ToArray());
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // A cursor is opaque but not trusted: a forged time gives an odd page, never a server error.
    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
            out var at) ? at.ToUniversalTime() : DateTimeOffset.MinValue;

    public static void AddOwnerScope(NpgsqlParameterCollection p, OwnerScope scope, Guid? viewerId)
    {
        p.Add(new NpgsqlParameter<bool>("all", scope.All));
        p.Add(new NpgsqlParameter<Guid[]>("owners", [.. scope.OwnerIds]));
        p.Add(new NpgsqlParameter("viewer", NpgsqlDbType.Uuid) { Value = (object?)viewerId ?? DBNull.Value });
    }
}

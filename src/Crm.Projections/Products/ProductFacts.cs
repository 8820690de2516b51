using Crm.Projections.Org;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Products;

/// <summary>What is still in a category: its sub-categories and its live products.</summary>
public sealed record CategoryContents(int Children, int Products);

/// <summary>
/// The facts the product and category deciders rest on (who holds a code, does a category exist, its chain
/// up, what is in it), read now (<see cref="Now"/>) for the decision and again inside the append's own
/// transaction (<see cref="Within"/>) by its guard, after the guard's locks.
/// </summary>
public sealed class ProductFacts
{
    private readonly NpgsqlDataSource? dataSource;
    private readonly NpgsqlConnection? connection;
    private readonly NpgsqlTransaction? tx;

    private ProductFacts(NpgsqlDataSource? dataSource, NpgsqlConnection? connection, NpgsqlTransaction? tx) =>
        (this.dataSource, this.connection, this.tx) = (dataSource, connection, tx);

    public static ProductFacts Now(NpgsqlDataSource dataSource) => new(dataSource, null, null);

    public static ProductFacts Within(NpgsqlConnection connection, NpgsqlTransaction tx) => new(null, connection, tx);

    /// <summary>The live product holding this code (compared upper case), or null.</summary>
    public async Task<Guid?> CodeHolderAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        await using var cmd = Command("select id from crm.products where upper(code) = upper(@code) limit 1");
        cmd.Parameters.Add(new NpgsqlParameter<string>("code", code.Trim()));
        return await cmd.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }

    /// <summary>Which of these codes (upper case) live products hold already: one query for an import batch.</summary>
    public async Task<IReadOnlySet<string>> CodesTakenAsync(IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        if (codes.Count == 0) return taken;
        await using var cmd = Command("select upper(code) from crm.products where upper(code) = any(@codes)");
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("codes", codes.Select(c => c.ToUpperInvariant()).Distinct().ToArray()));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) taken.Add(reader.GetString(0));
        return taken;
    }

    public async Task<bool> CategoryExistsAsync(Guid? id, CancellationToken ct)
    {
        if (id is not { } key) return false;
        await using var cmd = Command("select exists (select 1 from crm.product_categories where id = @id)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Which of these category ids exist: one query for an import batch.</summary>
    public async Task<IReadOnlySet<Guid>> CategoriesFoundAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var found = new HashSet<Guid>();
        if (ids.Count == 0) return found;
        await using var cmd = Command("select id from crm.product_categories where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids.Distinct().ToArray()));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetGuid(0));
        return found;
    }

    /// <summary>The category followed by its ancestors up to the top; null when it does not exist.</summary>
    public async Task<IReadOnlyList<Guid>?> CategoryAncestryAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = Command(ChainUp.Sql("crm.product_categories", "parent_id"));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        var chain = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) chain.Add(reader.GetGuid(0));
        return chain.Count == 0 ? null : chain;
    }

    public async Task<CategoryContents> CategoryContentsAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = Command(
            """
            select (select count(*)::int from crm.product_categories where parent_id = @id),
                   (select count(*)::int from crm.products where category_id = @id)
            """);
        cmd.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new CategoryContents(reader.GetInt32(0), reader.GetInt32(1));
    }

    private NpgsqlCommand Command(string sql) => connection is not null ? new NpgsqlCommand(sql, connection, tx) : dataSource!.CreateCommand(sql);
}

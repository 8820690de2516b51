using Crm.Projections.Filtering;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Products;

/// <summary>The built-in fields a product list filters on, over crm.products aliased p.</summary>
public static class ProductFilterFields
{
    public static IReadOnlyList<FilterField> All { get; } =
    [
        new("name", "p.name", FilterType.Text),
        new("code", "p.code", FilterType.Text),
        new("unit", "p.unit", FilterType.Text),
        new("price", "p.price", FilterType.Money),
        new("currency", "p.currency", FilterType.Text),
        new("description", "p.description", FilterType.Text),
        new("categoryId", "p.category_id", FilterType.Uuid),
        new("onShelf", "p.on_shelf", FilterType.Bool),
        new("createdAt", "p.created_at", FilterType.Timestamp),
        new("updatedAt", "p.updated_at", FilterType.Timestamp),
    ];
}

/// <summary>One page request of the product list. Products are not owner-scoped: the permission is the whole rule.</summary>
/// <param name="CategoryId">Only products in this category or any of its sub-categories.</param>
/// <param name="OnShelf">Only products on shelf (true) or off shelf (false).</param>
public sealed record ProductListRequest(
    int Limit, string? Cursor = null, ListSort? Sort = null, FilterNode? Filter = null, string? Q = null, Guid? CategoryId = null, bool? OnShelf = null);

/// <summary>Reads of products and their categories.</summary>
public sealed class ProductQueries(NpgsqlDataSource dataSource)
{
    public async Task<ProductRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {ProductSql.Binder.SelectList} from crm.products where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ProductSql.Binder.Read(reader) : null;
    }

    private static readonly ListSource<ProductRow> Source = new(
        "crm.products p", "p", ProductSql.Binder.SelectList, ProductSql.Binder.Read, ["name", "code"],
        r => r.Id, r => r.Fields.Name, r => r.CreatedAt, r => r.UpdatedAt);

    // The category filter takes the whole subtree (depth capped as every chain walk is).
    private const string Narrowing =
        """
        (@category::uuid is null or p.category_id in (
            with recursive sub (id, depth) as (
                select id, 0 from crm.product_categories where id = @category
                union all
                select c.id, sub.depth + 1 from crm.product_categories c join sub on c.parent_id = sub.id where sub.depth < 1000)
            select id from sub))
        and (@onShelf::boolean is null or p.on_shelf = @onShelf)
        """;

    public Task<Page<ProductRow>> ListAsync(ProductListRequest request, CancellationToken ct = default) =>
        KeysetList.QueryAsync(dataSource, Source, Narrowing, p => Bind(p, request), request.Sort, request.Filter, request.Q, request.Limit, request.Cursor, ct);

    public Task<long> CountAsync(ProductListRequest request, CancellationToken ct = default) =>
        KeysetList.CountAsync(dataSource, Source, Narrowing, p => Bind(p, request), request.Filter, request.Q, ct);

    private static void Bind(NpgsqlParameterCollection p, ProductListRequest request)
    {
        p.Add(new NpgsqlParameter("category", NpgsqlDbType.Uuid) { Value = (object?)request.CategoryId ?? DBNull.Value });
        p.Add(new NpgsqlParameter("onShelf", NpgsqlDbType.Boolean) { Value = (object?)request.OnShelf ?? DBNull.Value });
    }

    public async Task<ProductCategoryRow?> GetCategoryAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {ProductCategorySql.Binder.SelectList} from crm.product_categories where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ProductCategorySql.Binder.Read(reader) : null;
    }

    /// <summary>Every category by (name, id): a catalogue's category tree is small, so it is read whole.</summary>
    public async Task<IReadOnlyList<ProductCategoryRow>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {ProductCategorySql.Binder.SelectList} from crm.product_categories order by name, id");
        var rows = new List<ProductCategoryRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(ProductCategorySql.Binder.Read(reader));
        return rows;
    }
}

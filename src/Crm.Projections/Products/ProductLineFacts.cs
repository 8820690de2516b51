using Npgsql;

namespace Crm.Projections.Products;

/// <summary>A product as a new opportunity or contract line needs it: what the line snapshots, and whether it may be used.</summary>
public sealed record ProductForLine(Guid Id, string Code, string Name, string? Unit, decimal Price, string Currency, bool OnShelf);

/// <summary>
/// The products named by new lines, read from crm.products. Inside an append's transaction (pass its
/// connection) the rows are read FOR SHARE, so a product cannot be taken off shelf or deleted between
/// the check and the commit of the lines that use it.
/// </summary>
public sealed class ProductLineFacts(NpgsqlDataSource dataSource)
{
    public Task<IReadOnlyDictionary<Guid, ProductForLine>> ReadAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        ReadAsync(ids, null, null, ct);

    public async Task<IReadOnlyDictionary<Guid, ProductForLine>> ReadAsync(
        IReadOnlyCollection<Guid> ids, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct = default)
    {
        var found = new Dictionary<Guid, ProductForLine>();
        if (ids.Count == 0) return found;
        await using var cmd = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand { Connection = connection, Transaction = tx };
        cmd.CommandText = "select id, code, name, unit, price, currency, on_shelf from crm.products where id = any(@ids)"
            + (connection is null ? "" : " for share");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids.Distinct().ToArray()));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var product = new ProductForLine(
                reader.GetGuid(reader.GetOrdinal("id")),
                reader.GetString(reader.GetOrdinal("code")),
                reader.GetString(reader.GetOrdinal("name")),
                reader.IsDBNull(reader.GetOrdinal("unit")) ? null : reader.GetString(reader.GetOrdinal("unit")),
                reader.GetDecimal(reader.GetOrdinal("price")),
                reader.GetString(reader.GetOrdinal("currency")),
                reader.GetBoolean(reader.GetOrdinal("on_shelf")));
            found[product.Id] = product;
        }
        return found;
    }
}

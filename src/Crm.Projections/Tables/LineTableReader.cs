using Crm.Events;
using Npgsql;

namespace Crm.Projections.Tables;

/// <summary>Reads one record's product lines, in order, from a table a <see cref="LineTableProjection"/> keeps.</summary>
public static class LineTableReader
{
    public static async Task<IReadOnlyList<OpportunityLine>> ReadAsync(NpgsqlDataSource dataSource, string table, string keyColumn, Guid id,
        CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select line_id, product_id, product_name, product_code, unit, quantity, unit_price, discount_percent, subtotal, currency
            from {table} where {keyColumn} = @id order by position
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        var lines = new List<OpportunityLine>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            var currency = r.Text("currency");
            lines.Add(new OpportunityLine(r.Id("line_id"), r.Id("product_id"), r.Text("product_name"), r.Text("product_code"), r.TextOrNull("unit"),
                r.Value<decimal>("quantity"), new Money(r.Value<decimal>("unit_price"), currency), r.Value<decimal>("discount_percent"),
                new Money(r.Value<decimal>("subtotal"), currency)));
        }
        return lines;
    }
}

using Crm.Events;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Tables;

/// <summary>
/// A table of product lines per record (opportunity, contract), inline: every event that writes lines replaces the record's
/// lines as a whole (delete, then insert in order), so replaying in feed order always ends in the same table. A subclass
/// names the table, its key column and which events carry lines (a deleted record: none).
/// </summary>
public abstract class LineTableProjection(string table, string keyColumn) : EventProjection
{
    public override string Name => table;

    public override IReadOnlyList<string> Tables { get; } = [table];

    /// <summary>The record and its lines as <paramref name="data"/> leaves them, or null for an event that writes no lines.</summary>
    protected abstract (Guid RecordId, IReadOnlyList<OpportunityLine> Lines)? LinesOf(object data);

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        if (LinesOf(e.Data) is not var (id, lines)) return;
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"delete from {table} where {keyColumn} = @id")
        {
            Parameters = { new NpgsqlParameter<Guid>("id", id) },
        });
        for (var i = 0; i < lines.Count; i++) batch.BatchCommands.Add(Insert(id, i, lines[i]));
    }

    private NpgsqlBatchCommand Insert(Guid id, int position, OpportunityLine line) => new(
        $"""
        insert into {table} ({keyColumn}, line_id, position, product_id, product_name, product_code, unit, quantity, unit_price,
            discount_percent, subtotal, currency)
        values (@id, @line, @position, @product, @name, @code, @unit, @quantity, @price, @discount, @subtotal, @currency)
        """)
    {
        Parameters =
        {
            new NpgsqlParameter<Guid>("id", id), new NpgsqlParameter<Guid>("line", line.LineId), new NpgsqlParameter<int>("position", position),
            new NpgsqlParameter<Guid>("product", line.ProductId), new NpgsqlParameter<string>("name", line.ProductName),
            new NpgsqlParameter<string>("code", line.ProductCode),
            new NpgsqlParameter("unit", NpgsqlDbType.Text) { Value = (object?)line.Unit ?? DBNull.Value },
            new NpgsqlParameter<decimal>("quantity", line.Quantity), new NpgsqlParameter<decimal>("price", line.UnitPrice.Amount),
            new NpgsqlParameter<decimal>("discount", line.DiscountPercent), new NpgsqlParameter<decimal>("subtotal", line.Subtotal.Amount),
            new NpgsqlParameter<string>("currency", line.Subtotal.Currency),
        },
    };

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"truncate {table}");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

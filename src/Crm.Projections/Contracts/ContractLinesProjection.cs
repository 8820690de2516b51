using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Contracts;

/// <summary>
/// crm.contract_lines, inline: every event that writes lines replaces the contract's lines as a whole (delete, then insert in order),
/// so replaying in feed order always ends in the same table.
/// </summary>
public sealed class ContractLinesProjection : EventProjection
{
    public override string Name => "crm.contract_lines";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ContractCreated), typeof(ContractLinesChanged), typeof(ContractDeleted)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        var (id, lines) = e.Data switch
        {
            ContractCreated x => (x.ContractId, x.Lines),
            ContractLinesChanged x => (x.ContractId, x.Lines),
            ContractDeleted x => (x.ContractId, (IReadOnlyList<OpportunityLine>)[]),
            _ => (Guid.Empty, []),
        };
        if (id == Guid.Empty) return;
        batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from crm.contract_lines where contract_id = @id")
        {
            Parameters = { new NpgsqlParameter<Guid>("id", id) },
        });
        for (var i = 0; i < lines.Count; i++) batch.BatchCommands.Add(Insert(id, i, lines[i]));
    }

    private static NpgsqlBatchCommand Insert(Guid id, int position, OpportunityLine line) => new(
        """
        insert into crm.contract_lines (contract_id, line_id, position, product_id, product_name, product_code, unit, quantity, unit_price,
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
        await using var cmd = context.CreateCommand("truncate crm.contract_lines");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

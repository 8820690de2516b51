using System.Text.Json;
using Crm.Events.Products;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Host.Tests.Opportunities;

/// <summary>
/// Until the products and pipelines branches land, nothing projects their events into crm.products and crm.pipelines, which the
/// opportunity commands read. This test-only projection does, from the same events (never a row written by hand); every write
/// yields to the real projections' rows (on conflict do nothing / the same values), so it may stay registered after they land.
/// Delete it once they have.
/// </summary>
internal sealed class SalesStandIns : EventProjection
{
    public override string Name => "test.sales-stand-ins";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(PipelineCreated), typeof(ProductCreated), typeof(ProductShelved), typeof(ProductUnshelved)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        var cmd = e.Data switch
        {
            PipelineCreated x => new NpgsqlBatchCommand(
                """
                insert into crm.pipelines (id, name, is_default, stages, version, created_at, updated_at)
                values (@id, @name, @default, @stages, @version, @at, @at) on conflict (id) do nothing
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid>("id", x.PipelineId), new NpgsqlParameter<string>("name", x.Name),
                    new NpgsqlParameter<bool>("default", x.IsDefault),
                    new NpgsqlParameter("stages", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(x.Stages, JsonSerializerOptions.Web) },
                },
            },
            ProductCreated x => new NpgsqlBatchCommand(
                """
                insert into crm.products (id, code, name, unit, price, currency, on_shelf, version, created_at, updated_at)
                values (@id, @code, @name, @unit, @price, @currency, false, @version, @at, @at) on conflict (id) do nothing
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid>("id", x.ProductId), new NpgsqlParameter<string>("code", x.Fields.Code),
                    new NpgsqlParameter<string>("name", x.Fields.Name), new NpgsqlParameter<string>("unit", x.Fields.Unit ?? "piece"),
                    new NpgsqlParameter<decimal>("price", x.Fields.Price.Amount), new NpgsqlParameter<string>("currency", x.Fields.Price.Currency),
                },
            },
            ProductShelved x => Shelf(x.ProductId, true),
            ProductUnshelved x => Shelf(x.ProductId, false),
            _ => null,
        };
        if (cmd is null) return;
        if (cmd.CommandText.Contains("@version", StringComparison.Ordinal))
        {
            cmd.Parameters.Add(new NpgsqlParameter<long>("version", e.Version));
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", e.Timestamp));
        }
        batch.BatchCommands.Add(cmd);
    }

    private static NpgsqlBatchCommand Shelf(Guid id, bool onShelf) => new("update crm.products set on_shelf = @shelf where id = @id")
    {
        Parameters = { new NpgsqlParameter<Guid>("id", id), new NpgsqlParameter<bool>("shelf", onShelf) },
    };

    public override Task ResetAsync(ProjectionContext context, CancellationToken ct) => Task.CompletedTask;
}

using Crm.Events;
using Crm.Events.Customers;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Customers;

/// <summary>crm.customers, inline: a client reads its own writes, and claim limits count committed owners.</summary>
public sealed class CustomersProjection : SingleStreamProjection<CustomerRow>
{
    public override string Name => "crm.customers";

    // Every customer event, team ones included: each moves the row's version (the ETag).
    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(CustomerCreated).Namespace).Select(e => e.Type).ToArray();

    protected override CustomerRow? Evolve(CustomerRow? current, Guid key, StoredEvent e) => CustomerRow.Evolve(current, e);

    protected override async Task<IReadOnlyDictionary<Guid, CustomerRow>> LoadAsync(IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {CustomerSql.Columns} from crm.customers where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", keys.ToArray()));
        var rows = new Dictionary<Guid, CustomerRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = CustomerSql.Read(reader);
            rows[row.Id] = row;
        }
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, CustomerRow doc) => batch.BatchCommands.Add(CustomerSql.Upsert(doc));

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = new NpgsqlBatchCommand("delete from crm.customers where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.customers");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

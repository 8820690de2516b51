using Crm.Host.Org;
using Crm.Write;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using Npgsql;

namespace Crm.Host.Customers;

/// <summary>
/// Hands a disabled user's customers over (ORG-3): each is a customer.transferred event with its
/// contacts cascading in the same transaction, so every record's history shows the move. Repeating a
/// hand-over finds nothing left to move. Pool customers have no owner and stay in the pool.
/// </summary>
public sealed class CustomerHandOver(CustomerCommands commands, NpgsqlDataSource dataSource) : IRecordsHandOver
{
    public string Module => "customers";

    public async Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct)
    {
        var each = Each(request);
        var moved = 0;
        foreach (var id in await HandOverQueries.OwnedAsync(dataSource, "crm.customers", fromUserId, ct))
        {
            var outcome = await commands.TransferAsync(new TransferCustomer(id, toUserId, CascadeToContacts: true), each, ct);
            if (outcome.Succeeded && outcome.Events.Count > 0) moved++;
        }
        return moved;
    }

    /// <summary>The hand-over's actor and ids, without its idempotency key (that belongs to the hand-over, not to each record).</summary>
    internal static CommandRequest Each(CommandRequest request) => request with { IdempotencyKey = null, RequestHash = null, ExpectedVersion = null };
}

/// <summary>Hands over the contacts the user still owns after the customers moved (contacts of other owners' customers).</summary>
public sealed class ContactHandOver(CommandHandler handler, NpgsqlDataSource dataSource, TimeProvider clock) : IRecordsHandOver
{
    public string Module => "contacts";

    public async Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct)
    {
        var each = CustomerHandOver.Each(request);
        var moved = 0;
        foreach (var id in await HandOverQueries.OwnedAsync(dataSource, "crm.contacts", fromUserId, ct))
        {
            var outcome = await handler.HandleAsync(Contact.Decider, id, (state, _, _) => ValueTask.FromResult(
                Contact.Decide(new TransferContact(id, toUserId), state, Platform.CommandRequests.Context(clock, each))), each, ct);
            if (outcome.Succeeded && outcome.Events.Count > 0) moved++;
        }
        return moved;
    }
}

internal static class HandOverQueries
{
    public static async Task<IReadOnlyList<Guid>> OwnedAsync(NpgsqlDataSource dataSource, string table, Guid owner, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"select id from {table} where owner_id = @owner order by id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", owner));
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }
}

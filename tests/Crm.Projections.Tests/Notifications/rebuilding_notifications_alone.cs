using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.EventStore.Daemon;
using Crm.Projections.Tests.Customers;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Notifications;

/// <summary>crm.notifications takes names from events only: rebuilt alone, it writes what it wrote inline.</summary>
public sealed class rebuilding_notifications_alone(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    [Fact]
    public async Task after_a_rename_a_rebuild_of_notifications_alone_keeps_the_name_each_message_had_then()
    {
        var (owner, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var customer = await db.GivenCustomerAsync(new CustomerFields("Acme Old"), owner);
        var contact = await db.GivenContactAsync(customer, "Li Old", owner);
        await db.AppendAsync(customer, "customer", new CustomerTransferred(customer, other, owner, false, false, false, [], TeamAccess.ReadWrite, Day0));
        await db.AppendAsync(contact, "contact", new ContactTransferred(contact, other, owner, false));
        await db.AppendAsync(customer, "customer", new CustomerEdited(customer, [new FieldChange("name", "Acme Old", "Acme New")]));
        await db.AppendAsync(contact, "contact", new ContactEdited(contact, [new FieldChange("name", "Li Old", "Li New")]));
        await db.AppendAsync(customer, "customer", new CustomerTransferred(customer, owner, other, false, false, false, [], TeamAccess.ReadWrite, Day0));
        await db.AppendAsync(contact, "contact", new ContactTransferred(contact, owner, other, false));
        var inline = await MessagesAsync(customer, contact);

        // Rebuilt by a running daemon (the rebuild reads up to the cluster-wide horizon; the running daemon catches up to the head).
        var notifications = CrmProjections.Inline().Single(p => p.Name == "crm.notifications");
        await using var daemon = new ProjectionDaemon(db.Store, [notifications], new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.RebuildAsync(notifications.Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();

        Assert.Equal(
        [
            "Contact Li New was transferred to you.", "Contact Li Old was transferred to you.",
            "Customer Acme New was transferred to you.", "Customer Acme Old was transferred to you.",
        ], inline);
        Assert.Equal(inline, await MessagesAsync(customer, contact));
    }

    private async Task<List<string>> MessagesAsync(Guid customer, Guid contact)
    {
        await using var cmd = db.Database.DataSource.CreateCommand(
            "select message from crm.notifications where record_id = any(@ids) order by message");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<Guid[]>("ids", [customer, contact]));
        var messages = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) messages.Add(reader.GetString(0));
        return messages;
    }
}

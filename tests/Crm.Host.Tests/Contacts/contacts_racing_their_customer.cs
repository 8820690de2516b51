using System.Text.Json;
using Alba;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Contacts;

/// <summary>
/// A contact's create reads its customer (its owner becomes the contact's), and a transfer cascading to the contacts reads the
/// customer's list of contacts (issue 13, part 5): neither may act on what it read once the other has changed it. Each race is
/// played in its dangerous order on purpose, by holding a lock the command meets between its read and its append.
/// </summary>
public sealed class contacts_racing_their_customer(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Contacts = "/api/contacts";

    [Fact]
    public async Task a_contact_whose_customer_is_transferred_between_its_read_and_its_append_takes_the_new_owner()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var (receiverId, _) = await host.SignedInUserAsync("self", SalesRep);

        // The create has read the customer (the previous owner) and waits at its append; the transfer commits meanwhile.
        Task<IScenarioResult> create;
        await using (await host.HoldAsync(HeldLocks.CustomerRecords(customer.Id())))
        {
            create = host.Admin.Scenario(s =>
            {
                s.Post.Json(new { customerId = customer.Id(), name = "Zhang Wei" }).ToUrl(Contacts);
                s.StatusCodeShouldBe(201);
            });
            await host.WaitForAsync(create, HeldLocks.AdvisoryWaiters);
            await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/transfer", new { toUserId = receiverId });
        }

        var contact = (await create).Json();
        Assert.Equal(receiverId, contact.GetProperty("ownerId").GetGuid());
    }

    [Fact]
    public async Task a_contact_whose_customer_goes_to_the_pool_between_its_read_and_its_append_is_refused_as_in_the_pool()
    {
        var customer = await host.Admin.CreateCustomerAsync();

        Task<IScenarioResult> create;
        await using (await host.HoldAsync(HeldLocks.CustomerRecords(customer.Id())))
        {
            create = host.Admin.Scenario(s =>
            {
                s.Post.Json(new { customerId = customer.Id(), name = "Zhang Wei" }).ToUrl(Contacts);
                s.ProblemShouldBe(409, "customerId", "customer_in_pool");
            });
            await host.WaitForAsync(create, HeldLocks.AdvisoryWaiters);
            await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/put-in-pool", new { });
        }

        await create;
        var contacts = await host.Admin.GetJsonAsync($"{Contacts}?customerId={customer.Id()}");
        Assert.Equal(0, contacts.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task a_transfer_cascading_to_the_contacts_moves_a_contact_created_after_it_read_the_list()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var earlier = await host.Admin.CreatedAsync(Contacts, new { customerId = customer.Id(), name = "Li Lei" });
        var (receiverId, _) = await host.SignedInUserAsync("self", SalesRep);

        // The transfer reads the contacts, then the open opportunities: a lock on that table stops it between its read of the
        // list and its append, while a new contact is created (with the previous owner: the customer has not moved yet).
        Task<IScenarioResult> transfer;
        JsonElement added;
        await using (await host.HoldAsync("lock table crm.opportunities in access exclusive mode"))
        {
            transfer = host.Admin.Scenario(s =>
                s.Post.Json(new { toUserId = receiverId, cascadeToContacts = true, cascadeToOpportunities = true }).ToUrl($"{Route}/{customer.Id()}/transfer"));
            await host.WaitForAsync(transfer, HeldLocks.TableWaiters("crm.opportunities", "from crm.opportunities where customer_id"));
            added = await host.Admin.CreatedAsync(Contacts, new { customerId = customer.Id(), name = "Han Meimei" });
            Assert.NotEqual(receiverId, added.GetProperty("ownerId").GetGuid());
        }

        Assert.Equal(receiverId, (await transfer).Json().GetProperty("ownerId").GetGuid());
        foreach (var contact in new[] { earlier, added })
            Assert.Equal(receiverId, (await host.Admin.GetJsonAsync($"{Contacts}/{contact.Id()}")).GetProperty("ownerId").GetGuid());
    }
}

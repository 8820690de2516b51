using Crm.Events;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.EventStore;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using Crm.Testing;

namespace Crm.Projections.Tests.Customers;

/// <summary>A database of its own; rows only ever come from events appended through the store's inline projections.</summary>
public sealed class CustomerReadModelFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Day0 = DateTimeOffset.Parse("2026-01-01T09:00:00Z");

    private readonly Dictionary<Guid, long> versions = [];

    public TestDatabase Database { get; private set; } = null!;
    public EventStore.EventStore Store { get; private set; } = null!;
    public CustomerQueries Customers { get; private set; } = null!;
    public ContactQueries Contacts { get; private set; } = null!;
    public LeadQueries Leads { get; private set; } = null!;
    public DuplicateQueries Duplicates { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(ReadModelMigrations.All);
        Store = new EventStore.EventStore(Database.DataSource, CrmEventTypes.CreateRegistry(), CrmProjections.Inline());
        Customers = new CustomerQueries(Database.DataSource, Store);
        Contacts = new ContactQueries(Database.DataSource);
        Leads = new LeadQueries(Database.DataSource);
        Duplicates = new DuplicateQueries(Database.DataSource);
    }

    /// <summary>Appends to one stream at its known version.</summary>
    public Task AppendAsync(Guid streamId, string streamType, params object[] events) => AppendManyAsync((streamId, streamType, events));

    /// <summary>Appends to several streams in one transaction, as a cascading transfer does.</summary>
    public async Task AppendManyAsync(params (Guid StreamId, string StreamType, object[] Events)[] streams)
    {
        var appends = streams.Select(s => new StreamAppend(s.StreamId, s.StreamType,
            versions.TryGetValue(s.StreamId, out var v) ? ExpectedVersion.Exactly(v) : ExpectedVersion.NoStream, s.Events)).ToList();
        var result = await Store.AppendAsync(appends);
        for (var i = 0; i < streams.Length; i++) versions[streams[i].StreamId] = result.Versions[i];
    }

    public async Task<Guid> GivenCustomerAsync(CustomerFields fields, Guid owner, params object[] more)
    {
        var id = Guid.CreateVersion7();
        await AppendAsync(id, "customer", [new CustomerCreated(id, fields, owner, null, Day0), .. more.Select(m => m is Func<Guid, object> f ? f(id) : m)]);
        return id;
    }

    public async Task<Guid> GivenContactAsync(Guid customerId, string name, Guid owner)
    {
        var id = Guid.CreateVersion7();
        await AppendAsync(id, "contact", new ContactCreated(id, customerId, new ContactFields(name), owner));
        return id;
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

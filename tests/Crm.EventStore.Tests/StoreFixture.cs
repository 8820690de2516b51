using Crm.EventStore.Schema;
using Crm.Testing;

namespace Crm.EventStore.Tests;

/// <summary>One database per test class, shared by its tests (each test uses fresh stream ids).</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public EventStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(TestProjections.Migrations);
        Store = new EventStore(Database.DataSource, TestRegistry.Create());
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

using Crm.EventStore;
using Crm.Projections.Auth;
using Crm.Projections.Org;
using Crm.Testing;

namespace Crm.Projections.Tests;

/// <summary>A database of its own with the read models, and a store running the inline projections.</summary>
public sealed class ReadModelFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public EventStore.EventStore Store { get; private set; } = null!;
    public DepartmentQueries Departments { get; private set; } = null!;
    public UserQueries Users { get; private set; } = null!;
    public CredentialQueries Credentials { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(ReadModelMigrations.All);
        Store = new EventStore.EventStore(Database.DataSource, CrmEventTypes.CreateRegistry(), CrmProjections.Inline());
        Departments = new DepartmentQueries(Database.DataSource, Store);
        Users = new UserQueries(Database.DataSource, Store);
        Credentials = new CredentialQueries(Database.DataSource);
    }

    public Task<long> AppendAsync(Guid departmentId, long expected, params object[] events) => AppendAsync("department", departmentId, expected, events);

    public async Task<long> AppendAsync(string streamType, Guid streamId, long expected, params object[] events)
    {
        var result = await Store.AppendAsync(new StreamAppend(streamId, streamType,
            expected == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(expected), events));
        return result.Versions[0];
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

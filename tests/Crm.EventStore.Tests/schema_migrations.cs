using Crm.EventStore.Schema;
using Crm.Testing;

namespace Crm.EventStore.Tests;

public sealed class schema_migrations
{
    [Fact]
    public async Task hosts_starting_at_once_apply_each_migration_exactly_once()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var extra = new Migration("engine-tests", 1, "extra", "create table public.extra (id int)");

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.MigrateAsync(database.DataSource, [extra]))));

        Assert.Equal(SchemaMigrator.EventStoreMigrations.Count + 1, applied.Sum());
        Assert.Equal(applied.Sum(), await Sql.ScalarAsync<long>(database.DataSource, "select count(*) from es.schema_migrations"));
        Assert.Equal(0, await SchemaMigrator.MigrateAsync(database.DataSource, [extra]));
    }

    [Fact]
    public void migrations_are_numbered_without_duplicates() =>
        Assert.Equal(SchemaMigrator.EventStoreMigrations.Select(m => m.Number).Order(), SchemaMigrator.EventStoreMigrations.Select(m => m.Number).Distinct());
}

using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore.Tests;

/// <summary>ItemAdded's older shapes, as they were stored. Samples/*.json hold one stored payload per version.</summary>
public sealed class event_type_registry(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    // v1 stored {"title": "..."}; v2 renamed it to "name"; v3 (current) added "quantity" (default 1).
    private static EventTypeRegistry VersionedRegistry() => new EventTypeRegistry()
        .Register<ItemAdded>("test.item-added", schemaVersion: 3)
        .Register<ItemRemoved>("test.item-removed")
        .Register<CounterIncremented>("test.counter-incremented")
        .Upcast("test.item-added", 1, json => new JsonObject { ["name"] = json["title"]?.DeepClone() })
        .Upcast("test.item-added", 2, json => { json["quantity"] ??= 1; return json; })
        .Freeze();

    [Theory]
    [InlineData(1, "item-added.v1.json")]
    [InlineData(2, "item-added.v2.json")]
    [InlineData(3, "item-added.v3.json")]
    public void every_stored_version_of_an_event_reads_as_the_current_record(int version, string sample)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", sample));
        Assert.Equal(new ItemAdded("stapler", version == 3 ? 4 : 1), VersionedRegistry().Deserialize("test.item-added", version, json));
    }

    [Fact]
    public async Task old_events_in_the_database_are_upcast_when_read()
    {
        var id = Guid.CreateVersion7();
        await using (var cmd = fixture.Database.DataSource.CreateCommand(
            """
            insert into es.streams (stream_id, stream_type, version) values (@id, 'cart', 1);
            insert into es.events (event_id, stream_id, version, event_type, schema_version, data)
            values (gen_random_uuid(), @id, 1, 'test.item-added', 1, @data);
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            cmd.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Jsonb) { Value = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "item-added.v1.json")) });
            await cmd.ExecuteNonQueryAsync();
        }
        var store = new EventStore(fixture.Database.DataSource, VersionedRegistry());

        var events = await store.ReadStreamAsync(id);
        Assert.Equal(new ItemAdded("stapler", 1), Assert.Single(events).Data);
        await store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("clip", 2)]));
        Assert.Equal(3, await Sql.ScalarAsync<int>(fixture.Database.DataSource, "select schema_version from es.events where stream_id = @id and version = 2", ("id", id)));
    }

    [Fact]
    public void type_names_are_stable_strings_never_clr_names()
    {
        var registry = TestRegistry.Create();
        Assert.Equal("test.item-added", registry.For(typeof(ItemAdded)).Name);
        Assert.Equal(typeof(ItemAdded), registry.For("test.item-added").Type);
    }

    [Fact]
    public void a_name_or_a_type_registered_twice_is_refused()
    {
        Assert.Throws<EventTypeException>(() => new EventTypeRegistry().Register<ItemAdded>("a").Register<ItemRemoved>("a"));
        Assert.Throws<EventTypeException>(() => new EventTypeRegistry().Register<ItemAdded>("a").Register<ItemAdded>("b"));
    }

    [Fact]
    public void a_version_without_its_upcaster_is_refused_at_start()
    {
        var registry = new EventTypeRegistry().Register<ItemAdded>("test.item-added", schemaVersion: 2);
        Assert.Throws<EventTypeException>(() => registry.Freeze());
    }

    [Fact]
    public void an_event_stored_by_a_newer_build_is_refused_rather_than_misread() =>
        Assert.Throws<EventTypeException>(() => TestRegistry.Create().Freeze().Deserialize("test.item-added", 2, """{"name":"x","quantity":1}"""));
}

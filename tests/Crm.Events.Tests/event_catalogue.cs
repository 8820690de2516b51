namespace Crm.Events.Tests;

public sealed class event_catalogue
{
    [Fact]
    public void every_event_record_in_the_contracts_is_catalogued()
    {
        var records = typeof(EventCatalogue).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.IsSealed && t.Namespace?.StartsWith("Crm.Events.", StringComparison.Ordinal) == true)
            .ToHashSet();
        var catalogued = EventCatalogue.All.Select(e => e.Type).ToHashSet();
        Assert.Empty(records.Except(catalogued));
    }

    [Fact]
    public void names_are_unique_lowercase_and_dotted()
    {
        var names = EventCatalogue.All.Select(e => e.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z][a-z-]*\\.[a-z][a-z-]*$", n));
    }

    [Fact]
    public void schema_versions_start_at_one()
    {
        Assert.All(EventCatalogue.All, e => Assert.True(e.SchemaVersion >= 1));
    }
}

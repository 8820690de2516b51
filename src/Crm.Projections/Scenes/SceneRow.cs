using Crm.Events.Scenes;
using Crm.EventStore;

namespace Crm.Projections.Scenes;

/// <summary>A scene as the API shows it; one row of crm.scenes.</summary>
public sealed record SceneRow(
    Guid Id, Guid OwnerId, string Kind, string Name, string? Filter, string Sort, string? Q, bool IsDefault, int Order,
    long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The row after an event; null once the scene is deleted.</summary>
    public static SceneRow? Evolve(SceneRow? row, StoredEvent e)
    {
        if (e.Data is SceneCreated c)
            return new SceneRow(c.SceneId, c.OwnerId, c.Kind, c.Name, c.Filter, c.Sort, c.Q, false, c.Order, e.Version, e.Timestamp, e.Timestamp);
        if (row is null || e.Data is SceneDeleted) return null;
        var next = e.Data switch
        {
            SceneRenamed x => row with { Name = x.NewName },
            SceneFilterChanged x => x.Changes.Aggregate(row, (r, change) => change.Field switch
            {
                "filter" => r with { Filter = change.New },
                "sort" => r with { Sort = change.New ?? "" },
                "q" => r with { Q = change.New },
                "order" => r with { Order = int.Parse(change.New ?? "0", System.Globalization.CultureInfo.InvariantCulture) },
                _ => r,
            }),
            SceneMadeDefault => row with { IsDefault = true },
            SceneDefaultCleared => row with { IsDefault = false },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}

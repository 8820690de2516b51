using Crm.Events;
using Crm.Events.Products;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Products;

/// <summary>The operation logs of products and categories, read straight from their streams.</summary>
public static class ProductHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            ProductCreated x => ("created", ProductFieldText.Names.Select(n => new Change(n, null, ProductFieldText.Get(x.Fields, n)))
                .Where(c => c.New is not null).ToArray()),
            ProductEdited x => ("edited", x.Changes.Select(c => new Change(c.Field, c.Old, c.New)).ToArray()),
            ProductShelved => ("shelved", [new Change("onShelf", "false", "true")]),
            ProductUnshelved => ("unshelved", [new Change("onShelf", "true", "false")]),
            ProductDeleted x => ("deleted", [new Change("code", x.Code, null)]),
            ProductCategoryCreated c => ("created", c.ParentId is null ? [new Change("name", null, c.Name)]
                : new[] { new Change("name", null, c.Name), new Change("parentId", null, c.ParentId.ToString()) }),
            ProductCategoryRenamed r => ("renamed", [new Change("name", r.PreviousName, r.Name)]),
            ProductCategoryMoved m => ("moved", [new Change("parentId", m.PreviousParentId?.ToString(), m.ParentId?.ToString())]),
            ProductCategoryDeleted => ("deleted", Array.Empty<Change>()),
            _ => Attachments.AttachmentHistory.Of(e) ?? (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }
}

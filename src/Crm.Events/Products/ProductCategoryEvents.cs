namespace Crm.Events.Products;

// Product categories form a tree (one stream per category, like departments); moves that would
// make a cycle are refused under a lock on the tree.

public sealed record ProductCategoryCreated(Guid CategoryId, string Name, Guid? ParentId);

public sealed record ProductCategoryRenamed(Guid CategoryId, string Name, string PreviousName);

public sealed record ProductCategoryMoved(Guid CategoryId, Guid? ParentId, Guid? PreviousParentId);

/// <summary>A category was deleted; only a category without children and products can be.</summary>
public sealed record ProductCategoryDeleted(Guid CategoryId);

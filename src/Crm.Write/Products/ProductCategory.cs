using Crm.Events.Products;

namespace Crm.Write.Products;

/// <param name="ParentExists">Looked up by the handler when a parent is named.</param>
public sealed record CreateProductCategory(Guid CategoryId, string? Name, Guid? ParentId, bool ParentExists);

public sealed record RenameProductCategory(Guid CategoryId, string? Name);

/// <param name="ParentAncestry">The new parent and its ancestors up to the top, read by the handler; null when the parent does not exist.</param>
public sealed record MoveProductCategory(Guid CategoryId, Guid? ParentId, IReadOnlyList<Guid>? ParentAncestry);

/// <summary>A PATCH of a category: a new name when <paramref name="Name"/> is not null, a move when <paramref name="Move"/> (null parent: the top).</summary>
public sealed record EditProductCategory(Guid CategoryId, string? Name, bool Move, Guid? ParentId, IReadOnlyList<Guid>? ParentAncestry);

/// <param name="Children">Sub-categories, counted by the handler under the tree lock.</param>
/// <param name="Products">Live products in the category, counted likewise.</param>
public sealed record DeleteProductCategory(Guid CategoryId, int Children, int Products);

public sealed record ProductCategoryState(bool Exists, bool Deleted, Guid Id, string Name, Guid? ParentId)
{
    public static ProductCategoryState None { get; } = new(false, false, Guid.Empty, "", null);

    public bool Live => Exists && !Deleted;
}

/// <summary>The product-category decider: a tree of categories (SAL-1), one category per stream, like the department tree.</summary>
public static class ProductCategory
{
    public const string StreamType = "product-category";
    public const int MaxNameLength = 100;

    public static Decider<ProductCategoryState> Decider { get; } = new(StreamType, ProductCategoryState.None, Evolve);

    public static ProductCategoryState Evolve(ProductCategoryState state, object @event) => @event switch
    {
        ProductCategoryCreated e => new ProductCategoryState(true, false, e.CategoryId, e.Name, e.ParentId),
        ProductCategoryRenamed e => state with { Name = e.Name },
        ProductCategoryMoved e => state with { ParentId = e.ParentId },
        ProductCategoryDeleted => state with { Deleted = true },
        _ => state,
    };

    public static Decision Decide(CreateProductCategory command, ProductCategoryState state, CommandContext context)
    {
        if (state.Exists) return TakenIds.Refusal();
        if (ValidName(command.Name) is { } refused) return refused;
        if (command.ParentId is { } parent && !command.ParentExists) return ParentNotFound(parent);
        return Decision.Accept(new ProductCategoryCreated(command.CategoryId, command.Name!.Trim(), command.ParentId));
    }

    public static Decision Decide(RenameProductCategory command, ProductCategoryState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.CategoryId);
        if (ValidName(command.Name) is { } refused) return refused;
        var name = command.Name!.Trim();
        return name == state.Name ? Decision.Nothing : Decision.Accept(new ProductCategoryRenamed(state.Id, name, state.Name));
    }

    public static Decision Decide(MoveProductCategory command, ProductCategoryState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.CategoryId);
        if (command.ParentId == state.ParentId) return Decision.Nothing;
        if (command.ParentId is { } parent)
        {
            if (command.ParentAncestry is null) return ParentNotFound(parent);
            if (parent == state.Id || command.ParentAncestry.Contains(state.Id))
                return DomainError.Conflict("category_cycle", "A category cannot be put under itself or one of its own sub-categories.", "parentId");
        }
        return Decision.Accept(new ProductCategoryMoved(state.Id, command.ParentId, state.ParentId));
    }

    /// <summary>Rename and move in one decision: either refusal refuses both, and one append writes both events.</summary>
    public static Decision Decide(EditProductCategory command, ProductCategoryState state, CommandContext context)
    {
        var renamed = command.Name is null ? Decision.Nothing : Decide(new RenameProductCategory(command.CategoryId, command.Name), state, context);
        if (renamed.Error is not null) return renamed;
        var moved = command.Move ? Decide(new MoveProductCategory(command.CategoryId, command.ParentId, command.ParentAncestry), state, context)
            : state.Live ? Decision.Nothing : NotFound(command.CategoryId);
        if (moved.Error is not null) return moved;
        return Decision.Accept([.. renamed.Events, .. moved.Events]);
    }

    public static Decision Decide(DeleteProductCategory command, ProductCategoryState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.CategoryId);
        if (command.Children > 0 || command.Products > 0)
            return DomainError.Conflict("category_not_empty",
                $"The category still has {command.Children} sub-categories and {command.Products} products: move or delete them first.");
        return Decision.Accept(new ProductCategoryDeleted(state.Id));
    }

    private static DomainError? ValidName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return DomainError.Invalid("name", "name_required", "A category needs a name.");
        return name.Trim().Length > MaxNameLength
            ? DomainError.Invalid("name", "name_too_long", $"A category name has at most {MaxNameLength} characters.") : null;
    }

    public static DomainError NotFound(Guid id) => DomainError.NotFound("product_category_not_found", $"Product category {id} does not exist.");

    private static DomainError ParentNotFound(Guid id) =>
        DomainError.Unprocessable("parentId", "parent_not_found", $"Parent category {id} does not exist.");
}

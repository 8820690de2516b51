using Crm.Projections.Products;
using Npgsql;

namespace Crm.Write.Products;

/// <param name="CategoryId">Client-chosen id, or null for a fresh one.</param>
public sealed record AddProductCategory(Guid? CategoryId, string? Name, Guid? ParentId);

/// <summary>A category's new name (null: unchanged) and, when <paramref name="Move"/>, its new parent (null: the top level).</summary>
public sealed record ChangeProductCategory(Guid CategoryId, string? Name, bool Move, Guid? ParentId);

public sealed record RemoveProductCategory(Guid CategoryId);

/// <summary>
/// The product-category commands (SAL-1): the tree's rules (no cycle, delete only when empty, nothing put under a
/// category being deleted) are guarded inside the append under the tree lock, as the department tree's are.
/// </summary>
public sealed class ProductCategoryHandler(CommandHandler handler, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public Task<CommandOutcome> AddAsync(AddProductCategory command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.CategoryId ?? Guid.CreateVersion7();
        var parent = new ProductCheck<bool>(dataSource, (facts, t) => facts.CategoryExistsAsync(command.ParentId, t), ProductLocks.Categories);
        return handler.CreateAsync(ProductCategory.Decider, id, async (state, t) =>
            ProductCategory.Decide(new CreateProductCategory(id, command.Name, command.ParentId, await parent.ReadAsync(t)), state,
                CommandContexts.For(clock, request)),
            request, command.ParentId is null ? null : parent.Guard, ct);
    }

    /// <summary>
    /// Rename and/or move (<paramref name="command"/>.Move; null parent: the top level). Two moves (A under B, B under A)
    /// each pass alone; under the tree lock the second re-reads the chain and refuses (409 category_cycle).
    /// </summary>
    public Task<CommandOutcome> EditAsync(ChangeProductCategory command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var ancestry = new ProductCheck<IReadOnlyList<Guid>?>(dataSource, (facts, t) =>
            command.Move && command.ParentId is { } parent ? facts.CategoryAncestryAsync(parent, t) : Task.FromResult<IReadOnlyList<Guid>?>(null),
            ProductLocks.Categories);
        return handler.HandleReachedAsync(ProductCategory.Decider, command.CategoryId, Live(command.CategoryId), async (state, t) =>
            ProductCategory.Decide(new EditProductCategory(command.CategoryId, command.Name, command.Move, command.ParentId, await ancestry.ReadAsync(t)),
                state, CommandContexts.For(clock, request)),
            request, command.Move ? ancestry.Guard : null, ct);
    }

    public Task<CommandOutcome> RemoveAsync(RemoveProductCategory command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var contents = new ProductCheck<CategoryContents>(dataSource, (facts, t) => facts.CategoryContentsAsync(command.CategoryId, t),
            ProductLocks.Categories);
        return handler.HandleReachedAsync(ProductCategory.Decider, command.CategoryId, Live(command.CategoryId), async (state, t) =>
        {
            var (children, products) = await contents.ReadAsync(t);
            return ProductCategory.Decide(new DeleteProductCategory(command.CategoryId, children, products), state, CommandContexts.For(clock, request));
        }, request, contents.Guard, ct);
    }

    private static Func<ProductCategoryState, CancellationToken, ValueTask<DomainError?>> Live(Guid id) =>
        (state, _) => ValueTask.FromResult(state.Live ? null : ProductCategory.NotFound(id));
}

using Crm.Projections.Products;
using Npgsql;

namespace Crm.Write.Products;

/// <param name="CategoryId">Client-chosen id, or null for a fresh one.</param>
public sealed record AddProductCategory(Guid? CategoryId, string? Name, Guid? ParentId);

public sealed record MoveProductCategoryUnder(Guid CategoryId, Guid? ParentId);

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

    public Task<CommandOutcome> RenameAsync(RenameProductCategory command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleReachedAsync(ProductCategory.Decider, command.CategoryId, Live(command.CategoryId),
            (state, _) => ValueTask.FromResult(ProductCategory.Decide(command, state, CommandContexts.For(clock, request))), request, null, ct);

    // Two moves (A under B, B under A) each pass alone; under the tree lock the second re-reads the chain and refuses.
    public Task<CommandOutcome> MoveAsync(MoveProductCategoryUnder command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var ancestry = new ProductCheck<IReadOnlyList<Guid>?>(dataSource, (facts, t) =>
            command.ParentId is { } parent ? facts.CategoryAncestryAsync(parent, t) : Task.FromResult<IReadOnlyList<Guid>?>(null), ProductLocks.Categories);
        return handler.HandleReachedAsync(ProductCategory.Decider, command.CategoryId, Live(command.CategoryId), async (state, t) =>
            ProductCategory.Decide(new MoveProductCategory(command.CategoryId, command.ParentId, await ancestry.ReadAsync(t)), state,
                CommandContexts.For(clock, request)),
            request, ancestry.Guard, ct);
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

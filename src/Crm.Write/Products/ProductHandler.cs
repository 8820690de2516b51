using Npgsql;

namespace Crm.Write.Products;

/// <summary>A new product as the caller asks for it; the handler looks up the category and the code's holder.</summary>
/// <param name="ProductId">Client-chosen id, or null for a fresh one.</param>
public sealed record AddProduct(Guid? ProductId, ProductInput Fields);

/// <summary>What a product's write rests on besides its own stream: who holds its code, whether its category exists.</summary>
public sealed record ProductWriteFacts(Guid? CodeHolder, bool CategoryExists);

/// <summary>
/// The product commands (SAL-1): gather the facts (code holder, category), lock what the rule across records
/// needs inside the append (the code, the category tree), decide, append. Products are not owner-scoped: the
/// route's permission is the whole access rule.
/// </summary>
public sealed class ProductHandler(CommandHandler handler, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public Task<CommandOutcome> AddAsync(AddProduct command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.ProductId ?? Guid.CreateVersion7();
        var check = Check(id, command.Fields);
        return handler.CreateAsync(Product.Decider, id, async (state, t) =>
        {
            var facts = await check.ReadAsync(t);
            return Product.Decide(new CreateProduct(id, command.Fields, facts.CategoryExists, facts.CodeHolder), state, CommandContexts.For(clock, request));
        }, request, check.Guard, ct);
    }

    public Task<CommandOutcome> EditAsync(EditProduct command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var check = Check(command.ProductId, command.Fields);
        return handler.HandleReachedAsync(Product.Decider, command.ProductId, Live(command.ProductId), async (state, t) =>
            {
                var facts = await check.ReadAsync(t);
                return Product.Decide(command with { CategoryExists = facts.CategoryExists, CodeHolder = facts.CodeHolder }, state,
                    CommandContexts.For(clock, request));
            }, request, check.Guard, ct);
    }

    public Task<CommandOutcome> ShelveAsync(ShelveProduct command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Simple(command.ProductId, state => Product.Decide(command, state, CommandContexts.For(clock, request)), request, ct);

    public Task<CommandOutcome> UnshelveAsync(UnshelveProduct command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Simple(command.ProductId, state => Product.Decide(command, state, CommandContexts.For(clock, request)), request, ct);

    public Task<CommandOutcome> DeleteAsync(DeleteProduct command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Simple(command.ProductId, state => Product.Decide(command, state, CommandContexts.For(clock, request)), request, ct);

    // A missing product is its 404 before If-Match is looked at, as for every record.
    private Task<CommandOutcome> Simple(Guid id, Func<ProductState, Decision> decide, CommandRequest request, CancellationToken ct) =>
        handler.HandleReachedAsync(Product.Decider, id, Live(id), (state, _) => ValueTask.FromResult(decide(state)), request, null, ct);

    private static Func<ProductState, CancellationToken, ValueTask<DomainError?>> Live(Guid id) =>
        (state, _) => ValueTask.FromResult(state.Live ? null : Product.NotFound(id));

    /// <summary>The facts and locks of a create or an edit: the code's lock when a code is sent, the tree's when a category is named.</summary>
    private ProductCheck<ProductWriteFacts> Check(Guid id, ProductInput fields)
    {
        var code = ProductInput.NormalizeCode(fields.Code);
        var category = fields.CategoryId?.Value;
        string[] locks = [.. code is null ? [] : new[] { ProductLocks.Code(code) }, .. category is null ? [] : new[] { ProductLocks.Categories }];
        return new ProductCheck<ProductWriteFacts>(dataSource, async (facts, t) =>
        {
            var holder = await facts.CodeHolderAsync(code, t);
            return new ProductWriteFacts(holder == id ? null : holder, category is null || await facts.CategoryExistsAsync(category, t));
        }, locks);
    }
}

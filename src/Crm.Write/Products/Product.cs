using Crm.Events;
using Crm.Events.Products;

namespace Crm.Write.Products;

/// <param name="CategoryExists">Looked up by the handler when a category is named.</param>
/// <param name="CodeHolder">The live product that holds the code already (looked up by the handler), or null.</param>
public sealed record CreateProduct(Guid ProductId, ProductInput Fields, bool CategoryExists = true, Guid? CodeHolder = null);

public sealed record EditProduct(Guid ProductId, ProductInput Fields, bool CategoryExists = true, Guid? CodeHolder = null);

public sealed record ShelveProduct(Guid ProductId);

public sealed record UnshelveProduct(Guid ProductId);

public sealed record DeleteProduct(Guid ProductId);

public sealed record ProductState(bool Exists, bool Deleted, Guid Id, ProductFields Fields, bool OnShelf)
{
    public static ProductState None { get; } = new(false, false, Guid.Empty, new ProductFields("", "", null, null, Money.Zero(ProductInput.DefaultCurrency)),
        false);

    public bool Live => Exists && !Deleted;

    public static ProductState Evolve(ProductState state, object @event) => @event switch
    {
        ProductCreated e => new ProductState(true, false, e.ProductId, e.Fields, false),
        ProductEdited e => state with { Fields = ProductFieldText.Apply(state.Fields, e.Changes) },
        ProductShelved => state with { OnShelf = true },
        ProductUnshelved => state with { OnShelf = false },
        ProductDeleted => state with { Deleted = true, OnShelf = false },
        _ => state,
    };
}

/// <summary>
/// The product decider (SAL-1): one product per stream. A product starts off shelf; the code is unique
/// among live products (the handler finds its holder under a lock, the decider refuses it).
/// </summary>
public static class Product
{
    public const string StreamType = "product";
    public const string CodeTaken = "product_code_taken";

    public static Decider<ProductState> Decider { get; } = new(StreamType, ProductState.None, ProductState.Evolve);

    public static Decision Decide(CreateProduct command, ProductState state, CommandContext context)
    {
        if (state.Exists) return TakenIds.Refusal();
        var (fields, invalid) = command.Fields.Validate();
        if (invalid is not null) return invalid;
        if (Refusal(command.ProductId, fields!, command.CategoryExists, command.CodeHolder) is { } refused) return refused;
        return Decision.Accept(new ProductCreated(command.ProductId, fields!, context.Now));
    }

    public static Decision Decide(EditProduct command, ProductState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.ProductId);
        var (fields, invalid) = command.Fields.Over(state.Fields).Validate(state.Fields.Price.Currency);
        if (invalid is not null) return invalid;
        var changes = ProductFieldText.ChangesTo(state.Fields, fields!);
        if (changes.Count == 0) return Decision.Nothing;
        // Only what changes is checked against other records: an unchanged category that was deleted meanwhile stays as it is.
        var categoryChanged = changes.Any(c => c.Field == "categoryId");
        var codeChanged = changes.Any(c => c.Field == "code");
        if (Refusal(state.Id, fields!, !categoryChanged || command.CategoryExists, codeChanged ? command.CodeHolder : null) is { } refused) return refused;
        return Decision.Accept(new ProductEdited(state.Id, changes));
    }

    public static Decision Decide(ShelveProduct command, ProductState state, CommandContext context) =>
        !state.Live ? NotFound(command.ProductId) : state.OnShelf ? Decision.Nothing : Decision.Accept(new ProductShelved(state.Id, context.Now));

    public static Decision Decide(UnshelveProduct command, ProductState state, CommandContext context) =>
        !state.Live ? NotFound(command.ProductId) : !state.OnShelf ? Decision.Nothing : Decision.Accept(new ProductUnshelved(state.Id, context.Now));

    public static Decision Decide(DeleteProduct command, ProductState state, CommandContext context) =>
        !state.Live ? NotFound(command.ProductId) : Decision.Accept(new ProductDeleted(state.Id, state.Fields.Code));

    private static DomainError? Refusal(Guid id, ProductFields fields, bool categoryExists, Guid? codeHolder)
    {
        if (fields.CategoryId is { } category && !categoryExists)
            return DomainError.Unprocessable("categoryId", "category_not_found", $"Product category {category} does not exist.");
        if (codeHolder is { } holder && holder != id)
            return DomainError.Conflict(CodeTaken, $"Another product already has the code {fields.Code}.", "code");
        return null;
    }

    public static DomainError NotFound(Guid id) => DomainError.NotFound("product_not_found", $"Product {id} does not exist.");
}

using Crm.Events.Products;
using Crm.Write.Products;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Products;

public sealed class category_decisions
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Parent = Guid.CreateVersion7();
    private static readonly Guid Child = Guid.CreateVersion7();
    private static readonly Guid Actor = Guid.CreateVersion7();
    private static readonly ProductCategoryCreated Created = new(Id, "Software", null);

    private static ProductCategoryState Given(params object[] events) => ProductCategory.Decider.Fold(ProductCategory.Decider.Initial, events);

    [Fact]
    public void a_category_is_created_under_an_existing_parent_only()
    {
        ThenEvents(ProductCategory.Decide(new CreateProductCategory(Id, " Software ", Parent, true), Given(), As(Actor)),
            new ProductCategoryCreated(Id, "Software", Parent));
        ThenRefused(ProductCategory.Decide(new CreateProductCategory(Id, "Software", Parent, false), Given(), As(Actor)),
            ErrorKind.Unprocessable, "parent_not_found", "parentId");
        ThenRefused(ProductCategory.Decide(new CreateProductCategory(Id, " ", null, false), Given(), As(Actor)), ErrorKind.Validation, "name_required", "name");
        ThenRefused(ProductCategory.Decide(new CreateProductCategory(Id, new string('x', 101), null, false), Given(), As(Actor)),
            ErrorKind.Validation, "name_too_long", "name");
    }

    [Fact]
    public void a_rename_and_a_move_are_one_decision_and_a_cycle_is_refused()
    {
        ThenEvents(ProductCategory.Decide(new EditProductCategory(Id, "Apps", true, Parent, [Parent]), Given(Created), As(Actor)),
            new ProductCategoryRenamed(Id, "Apps", "Software"), new ProductCategoryMoved(Id, Parent, null));
        ThenRefused(ProductCategory.Decide(new EditProductCategory(Id, "Apps", true, Child, [Child, Id]), Given(Created), As(Actor)),
            ErrorKind.Conflict, "category_cycle", "parentId");
        ThenRefused(ProductCategory.Decide(new EditProductCategory(Id, null, true, Id, [Id]), Given(Created), As(Actor)),
            ErrorKind.Conflict, "category_cycle", "parentId");
        ThenRefused(ProductCategory.Decide(new EditProductCategory(Id, null, true, Parent, null), Given(Created), As(Actor)),
            ErrorKind.Unprocessable, "parent_not_found", "parentId");
        ThenNothing(ProductCategory.Decide(new EditProductCategory(Id, "Software", true, null, null), Given(Created), As(Actor)));
    }

    [Fact]
    public void only_an_empty_category_is_deleted_and_a_deleted_one_is_not_found()
    {
        ThenRefused(ProductCategory.Decide(new DeleteProductCategory(Id, 1, 0), Given(Created), As(Actor)), ErrorKind.Conflict, "category_not_empty");
        ThenRefused(ProductCategory.Decide(new DeleteProductCategory(Id, 0, 2), Given(Created), As(Actor)), ErrorKind.Conflict, "category_not_empty");
        ThenEvents(ProductCategory.Decide(new DeleteProductCategory(Id, 0, 0), Given(Created), As(Actor)), new ProductCategoryDeleted(Id));
        ThenRefused(ProductCategory.Decide(new EditProductCategory(Id, "X", false, null, null), Given(Created, new ProductCategoryDeleted(Id)), As(Actor)),
            ErrorKind.NotFound, "product_category_not_found");
    }
}

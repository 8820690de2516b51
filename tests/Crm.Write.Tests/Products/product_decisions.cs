using System.Text.Json;
using Crm.Events;
using Crm.Events.Products;
using Crm.Write.Products;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Products;

public sealed class product_decisions
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Category = Guid.CreateVersion7();
    private static readonly Guid Actor = Guid.CreateVersion7();
    private static readonly ProductFields Fields = new("CRM Pro", "CRM-PRO", null, "seat", new Money(1280.00m, "CNY"));
    private static readonly ProductCreated Created = new(Id, Fields, Now);

    private static ProductState Given(params object[] events) => Product.Decider.Fold(Product.Decider.Initial, events);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void a_product_is_created_off_shelf_with_its_code_upper_cased_and_its_price_at_two_places()
    {
        var decision = Product.Decide(new CreateProduct(Id, new ProductInput(" CRM Pro ", "crm-pro", null, "seat", 1280m)), Given(), As(Actor));
        ThenEvents(decision, Created);
        var created = Single<ProductCreated>(decision);
        Assert.Equal("1280.00 CNY", ProductFieldText.Price(created.Fields.Price));
        Assert.False(Given(created).OnShelf);
    }

    [Fact]
    public void bad_fields_are_all_named()
    {
        ThenInvalid(Product.Decide(new CreateProduct(Id, new ProductInput(null, "a b", Price: -1m, Currency: "yuan")), Given(), As(Actor)),
            ("name", "name_required"), ("code", "code_invalid"), ("price", "price_negative"), ("currency", "currency_invalid"));
        ThenInvalid(Product.Decide(new CreateProduct(Id, new ProductInput("X", null, Price: 1.005m)), Given(), As(Actor)),
            ("code", "code_required"), ("price", "price_invalid"));
        ThenInvalid(Product.Decide(new CreateProduct(Id, new ProductInput("X", "X")), Given(), As(Actor)), ("price", "price_required"));
        ThenInvalid(Product.Decide(new CreateProduct(Id, new ProductInput("X", "X", Price: 1m, Custom: Json("[1]"))), Given(), As(Actor)),
            ("custom", "custom_invalid"));
        var huge = Json(JsonSerializer.Serialize(new { text = new string('x', 70_000) }));
        ThenInvalid(Product.Decide(new CreateProduct(Id, new ProductInput("X", "X", Price: 1m, Custom: huge)), Given(), As(Actor)),
            ("custom", "custom_too_large"));
        ThenInvalid(Product.Decide(new CreateProduct(Id, new ProductInput("X", "X", Price: 100_000_000_000_000_000m)), Given(), As(Actor)),
            ("price", "price_invalid"));
    }

    [Fact]
    public void a_code_another_product_holds_and_a_missing_category_are_refused()
    {
        ThenRefused(Product.Decide(new CreateProduct(Id, new ProductInput("X", "X", Price: 1m), CodeHolder: Guid.CreateVersion7()), Given(), As(Actor)),
            ErrorKind.Conflict, Product.CodeTaken, "code");
        ThenRefused(Product.Decide(new CreateProduct(Id, new ProductInput("X", "X", new Edit<Guid?>(Category), Price: 1m), CategoryExists: false), Given(),
            As(Actor)), ErrorKind.Unprocessable, "category_not_found", "categoryId");
    }

    [Fact]
    public void an_edit_names_each_changed_field_old_to_new_and_the_price_with_its_currency()
    {
        var decision = Product.Decide(new EditProduct(Id, new ProductInput(Price: 1180m, Custom: Json("""{"warranty": "1 year"}"""),
            CategoryId: new Edit<Guid?>(Category))), Given(Created), As(Actor));
        ThenEvents(decision, new ProductEdited(Id, [new FieldChange("categoryId", null, Category.ToString()),
            new FieldChange("price", "1280.00 CNY", "1180.00 CNY"), new FieldChange("custom", null, """{"warranty":"1 year"}""")]));
        var state = Given(Created, decision.Events[0]);
        Assert.Equal(new Money(1180.00m, "CNY"), state.Fields.Price);
        Assert.Equal("1 year", state.Fields.Custom!.Value.GetProperty("warranty").GetString());
        ThenNothing(Product.Decide(new EditProduct(Id, new ProductInput(Name: "CRM Pro", Code: "crm-pro")), Given(Created), As(Actor)));
        ThenEvents(Product.Decide(new EditProduct(Id, new ProductInput(Unit: "", Custom: Json("{}"))), state, As(Actor)),
            new ProductEdited(Id, [new FieldChange("unit", "seat", null), new FieldChange("custom", """{"warranty":"1 year"}""", null)]));
    }

    [Fact]
    public void an_edit_checks_only_what_changes_against_other_records()
    {
        var inGone = Given(new ProductCreated(Id, Fields with { CategoryId = Category }, Now));
        ThenEvents(Product.Decide(new EditProduct(Id, new ProductInput(Name: "New"), CategoryExists: false, CodeHolder: Guid.CreateVersion7()), inGone,
            As(Actor)), new ProductEdited(Id, [new FieldChange("name", "CRM Pro", "New")]));
        ThenRefused(Product.Decide(new EditProduct(Id, new ProductInput(Code: "OTHER"), CodeHolder: Guid.CreateVersion7()), Given(Created), As(Actor)),
            ErrorKind.Conflict, Product.CodeTaken, "code");
    }

    [Fact]
    public void shelving_and_unshelving_are_events_and_repeats_write_nothing()
    {
        ThenEvents(Product.Decide(new ShelveProduct(Id), Given(Created), As(Actor)), new ProductShelved(Id, Now));
        ThenNothing(Product.Decide(new ShelveProduct(Id), Given(Created, new ProductShelved(Id, Now)), As(Actor)));
        ThenEvents(Product.Decide(new UnshelveProduct(Id), Given(Created, new ProductShelved(Id, Now)), As(Actor)), new ProductUnshelved(Id, Now));
        ThenNothing(Product.Decide(new UnshelveProduct(Id), Given(Created), As(Actor)));
    }

    [Fact]
    public void a_deleted_product_frees_its_code_and_is_not_found_any_more()
    {
        ThenEvents(Product.Decide(new DeleteProduct(Id), Given(Created), As(Actor)), new ProductDeleted(Id, "CRM-PRO"));
        var deleted = Given(Created, new ProductDeleted(Id, "CRM-PRO"));
        ThenRefused(Product.Decide(new ShelveProduct(Id), deleted, As(Actor)), ErrorKind.NotFound, "product_not_found");
        ThenRefused(Product.Decide(new EditProduct(Id, new ProductInput(Name: "X")), deleted, As(Actor)), ErrorKind.NotFound, "product_not_found");
        ThenRefused(Product.Decide(new DeleteProduct(Id), Given(), As(Actor)), ErrorKind.NotFound, "product_not_found");
    }
}

using System.Text.Json;
using Crm.Events;
using Crm.Events.Customers;
using Crm.Write.Customers;
using Crm.Write.CustomFields;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.CustomFields;

public sealed class custom_value_decisions
{
    private static readonly Guid Actor = Guid.CreateVersion7();

    private static CustomFieldDefinition Field(string key, string type, bool required = false, params string[] options) =>
        new("customer", key, key, type, required, false, null, [.. options.Select(o => new CustomFieldOption(o, o.ToUpperInvariant()))], 0);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Theory]
    [InlineData("number", "12.500", "12.5")]
    [InlineData("money", "12.5", "12.5")]
    [InlineData("date", "\"2026-03-01\"", "\"2026-03-01\"")]
    [InlineData("datetime", "\"2026-03-01T09:00:00+08:00\"", "\"2026-03-01T01:00:00Z\"")]
    [InlineData("text", "\"  padded  \"", "\"padded\"")]
    [InlineData("email", "\"a@b.example\"", "\"a@b.example\"")]
    [InlineData("boolean", "true", "true")]
    public void a_value_is_stored_in_its_types_one_form(string type, string sent, string stored)
    {
        var (value, error) = CustomValue.Check(Field("f", type), Json(sent));
        Assert.Null(error);
        Assert.Equal(stored, CustomJson.Canonical(value));
    }

    [Theory]
    [InlineData("number", "\"12\"")]
    [InlineData("number", "1e20")]
    [InlineData("money", "-1")]
    [InlineData("money", "1.001")]
    [InlineData("date", "\"2026-02-30\"")]
    [InlineData("datetime", "\"2026-03-01T09:00:00\"")]
    [InlineData("boolean", "\"yes\"")]
    [InlineData("email", "\"not-an-address\"")]
    [InlineData("phone", "\"call me\"")]
    [InlineData("user", "\"someone\"")]
    [InlineData("text", "{\"nested\":1}")]
    public void a_value_of_the_wrong_shape_is_refused_naming_the_field(string type, string sent)
    {
        var (_, error) = CustomValue.Check(Field("f", type), Json(sent));
        Assert.Equal(("custom.f", "custom_value_invalid"), (error?.Field, error?.Code));
    }

    [Fact]
    public void a_retired_option_stays_where_it_is_held_and_is_refused_elsewhere()
    {
        var field = Field("tier", "single_select", false, "gold") with
            { Options = [new CustomFieldOption("gold", "Gold"), new CustomFieldOption("silver", "Silver", Retired: true)] };
        Assert.NotNull(CustomValue.Check(field, Json("\"silver\"")).Error);
        Assert.Null(CustomValue.Check(field, Json("\"silver\""), Json("\"silver\"")).Error);
    }

    [Fact]
    public void a_customer_edit_records_each_custom_key_old_to_new_and_keeps_the_keys_not_sent()
    {
        var facts = new CustomFacts([Field("tier", "single_select", false, "gold", "silver"), Field("seats", "number", required: true)], new HashSet<string>());
        var id = Guid.CreateVersion7();
        var created = Customer.Decide(new CreateCustomer(id, new CustomerInput("Acme", Custom: Json("""{"seats":3,"tier":"gold"}""")), Actor,
            Custom: facts), CustomerState.None, As(Actor));
        var state = Customer.Decider.Fold(CustomerState.None, created.Events);
        ThenEvents(Customer.Decide(new EditCustomer(id, new CustomerInput(Custom: Json("""{"tier":"silver"}""")), facts), state, As(Actor)),
            new CustomerEdited(id, [new FieldChange("custom.tier", "\"gold\"", "\"silver\"")]));
        ThenRefused(Customer.Decide(new EditCustomer(id, new CustomerInput(Custom: Json("""{"seats":null}""")), facts), state, As(Actor)),
            ErrorKind.Validation, "custom_field_required", "custom.seats");
        // The built-in fields' and the custom values' faults come in one answer.
        ThenInvalid(Customer.Decide(new CreateCustomer(id, new CustomerInput("", Custom: Json("""{"nosuch":1,"seats":2}""")), Actor, Custom: facts),
            CustomerState.None, As(Actor)), ("name", "name_required"), ("custom.nosuch", "custom_field_unknown"));
        ThenRefused(Customer.Decide(new EditCustomer(id, new CustomerInput(Custom: Json("""{"tier":"gold"}""")),
            facts with { Taken = new HashSet<string> { "tier" } }), state, As(Actor)), ErrorKind.Conflict, "custom_value_taken", "custom.tier");
    }

    [Fact]
    public void an_object_too_large_or_naming_a_key_twice_is_refused()
    {
        IReadOnlyList<CustomFieldDefinition> fields = [Field("note", "long_text")];
        var big = JsonSerializer.SerializeToElement(Enumerable.Range(0, 201).ToDictionary(i => "k" + i, i => i));
        Assert.Equal("custom_too_large", Assert.Single(CustomValues.Merge(fields, big, null, true).Errors).Code);
        var twice = Json("""{"note":"a","note":"b"}""");
        var repeated = Assert.Single(CustomValues.Merge(fields, twice, null, true).Errors);
        Assert.Equal(("custom.note", "custom_field_repeated"), (repeated.Field, repeated.Code));
    }

    [Fact]
    public void a_label_is_short_and_has_no_control_characters()
    {
        var id = Guid.CreateVersion7();
        ThenRefused(CustomField.Decide(new DefineCustomField(id, "customer", "a", new string('x', 51), "text", null, null, null, null, null),
            CustomFieldState.None, As(Actor)), ErrorKind.Validation, "label_too_long", "label");
        ThenRefused(CustomField.Decide(new DefineCustomField(id, "customer", "a", "A\u0001B",
            "text", null, null, null, null, null), CustomFieldState.None, As(Actor)), ErrorKind.Validation, "label_invalid", "label");
    }
}

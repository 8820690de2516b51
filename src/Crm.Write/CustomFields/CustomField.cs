using System.Text.Json;
using Crm.Events;
using Crm.Events.CustomFields;

namespace Crm.Write.CustomFields;

/// <summary>An option as sent: its stable key, its label, whether new values may no longer choose it.</summary>
public sealed record CustomFieldOptionInput(string? Key, string? Label, bool Retired = false);

/// <summary>A new field as sent; null flags are false, a null order is 0.</summary>
public sealed record DefineCustomField(
    Guid FieldId, string? Kind, string? Key, string? Label, string? Type, bool? Required, bool? Unique, JsonElement? Default,
    IReadOnlyList<CustomFieldOptionInput>? Options, int? Order);

/// <summary>A change of a field: null leaves an attribute as it is; <paramref name="Default"/> absent leaves it, a JSON null inside clears it.</summary>
public sealed record ChangeCustomField(
    Guid FieldId, string? Label, bool? Required, bool? Unique, Edit<JsonElement?>? Default, IReadOnlyList<CustomFieldOptionInput>? Options, int? Order);

public sealed record RetireCustomField(Guid FieldId);

public sealed record CustomFieldState(bool Exists, bool Retired, Guid Id, CustomFieldDefinition? Definition)
{
    public static CustomFieldState None { get; } = new(false, false, Guid.Empty, null);

    public bool Live => Exists && !Retired;

    public static CustomFieldState Evolve(CustomFieldState state, object @event) => @event switch
    {
        CustomFieldDefined e => new CustomFieldState(true, false, e.FieldId, e.Definition),
        CustomFieldChanged e => state with { Definition = e.Definition },
        CustomFieldRetired => state with { Retired = true },
        _ => state,
    };
}

/// <summary>
/// The custom-field decider (SET-1): one field per stream, the stream id named by kind and key (<see cref="CustomFieldIds"/>), so a
/// key is defined once per kind and never reused. The key and the type never change: stored values and history stay readable.
/// Unique can be declared when the field is defined (no record holds a value yet) and dropped later, never turned on afterwards.
/// </summary>
public static class CustomField
{
    public const string StreamType = "custom-field";
    public const int MaxLabelLength = 50;
    public const int MaxOptions = 200;
    public const int MaxOrder = 10_000;

    public static Decider<CustomFieldState> Decider { get; } = new(StreamType, CustomFieldState.None, CustomFieldState.Evolve);

    public static Decision Decide(DefineCustomField command, CustomFieldState state, CommandContext context)
    {
        if (state.Exists)
            return DomainError.Conflict("custom_field_exists",
                $"A custom field {command.Kind}.{command.Key} exists already (or existed: keys are never reused).", "key");
        var checks = new FieldChecks();
        var kind = command.Kind is { } k && CustomFieldTypes.Kinds.Contains(k) ? k : Fail(checks, "kind", "custom_field_kind_invalid",
            "kind is one of: " + string.Join(", ", CustomFieldTypes.Kinds) + ".");
        var key = CustomFieldIds.IsKey(command.Key) ? command.Key! : Fail(checks, "key", "custom_field_key_invalid",
            "key is 1 to 40 lower-case letters, digits or underscores, starting with a letter.");
        var type = command.Type is { } t && CustomFieldTypes.All.Contains(t) ? t : Fail(checks, "type", "custom_field_type_invalid",
            "type is one of: " + string.Join(", ", CustomFieldTypes.All) + ".");
        var unique = command.Unique ?? false;
        if (unique && type.Length > 0 && !CustomFieldTypes.Uniqueable.Contains(type))
            checks.Fail("unique", "custom_field_unique_unsupported", "unique applies to " + string.Join(", ", CustomFieldTypes.Uniqueable) + " fields.");
        var draft = new CustomFieldDefinition(kind, key, Label(checks, command.Label) ?? "", type, command.Required ?? false, unique, null,
            Options(checks, type, command.Options, []), Order(checks, command.Order ?? 0));
        var definition = draft with { Default = Default(checks, draft, command.Default) };
        return DomainError.Invalid(checks.Errors) is { } invalid ? invalid : Decision.Accept(new CustomFieldDefined(command.FieldId, definition));
    }

    public static Decision Decide(ChangeCustomField command, CustomFieldState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.FieldId);
        var now = state.Definition!;
        var checks = new FieldChecks();
        if (command.Unique is true && !now.Unique)
            checks.Fail("unique", "custom_field_unique_late", "unique is declared when a field is defined; define a new field to have unique values.");
        var next = now with
        {
            Label = command.Label is null ? now.Label : Label(checks, command.Label) ?? now.Label,
            Required = command.Required ?? now.Required,
            Unique = command.Unique ?? now.Unique,
            Options = command.Options is null ? now.Options : Options(checks, now.Type, command.Options, now.Options),
            Order = command.Order is null ? now.Order : Order(checks, command.Order.Value),
        };
        next = next with { Default = command.Default is { } edit ? Default(checks, next, edit.Value) : Default(checks, next, now.Default) };
        if (DomainError.Invalid(checks.Errors) is { } invalid) return invalid;
        return Same(now, next) ? Decision.Nothing : Decision.Accept(new CustomFieldChanged(state.Id, next, now));
    }

    public static Decision Decide(RetireCustomField command, CustomFieldState state, CommandContext context) =>
        state.Live ? Decision.Accept(new CustomFieldRetired(state.Id, state.Definition!.Kind, state.Definition.Key)) : NotFound(command.FieldId);

    public static DomainError NotFound(Guid id) => DomainError.NotFound("custom_field_not_found", $"Custom field {id} does not exist.");

    private static bool Same(CustomFieldDefinition a, CustomFieldDefinition b) =>
        JsonSerializer.Serialize(a with { Default = null }) == JsonSerializer.Serialize(b with { Default = null })
        && CustomJson.Canonical(a.Default) == CustomJson.Canonical(b.Default);

    private static string Fail(FieldChecks checks, string field, string code, string message)
    {
        checks.Fail(field, code, message);
        return "";
    }

    private static string? Label(FieldChecks checks, string? label)
    {
        var text = checks.Text("label", label, MaxLabelLength, required: true);
        if (text is not null && text.Any(char.IsControl)) checks.Fail("label", "label_invalid", "label has no control characters.");
        return text;
    }

    private static int Order(FieldChecks checks, int order)
    {
        if (order is < 0 or > MaxOrder) checks.Fail("order", "custom_field_order_invalid", $"order is 0 to {MaxOrder}.");
        return order;
    }

    // A select's options: 1..200, keys as field keys, distinct, labels 1..50; an option once offered stays (retire it instead), so every
    // stored key keeps a label.
    private static IReadOnlyList<CustomFieldOption> Options(
        FieldChecks checks, string type, IReadOnlyList<CustomFieldOptionInput>? sent, IReadOnlyList<CustomFieldOption> before)
    {
        if (!CustomFieldTypes.IsSelect(type))
        {
            if (sent is { Count: > 0 }) checks.Fail("options", "custom_field_options_unexpected", "Only single_select and multi_select fields have options.");
            return [];
        }
        if (sent is null || sent.Count is 0 or > MaxOptions)
        {
            checks.Fail("options", "custom_field_options_required", $"A select field has 1 to {MaxOptions} options.");
            return [];
        }
        var options = new List<CustomFieldOption>();
        for (var i = 0; i < sent.Count; i++)
        {
            var o = sent[i];
            var label = o.Label?.Trim();
            if (o is null || !CustomFieldIds.IsKey(o.Key) || string.IsNullOrEmpty(label) || label.Length > MaxLabelLength || label.Any(char.IsControl))
                checks.Fail($"options[{i}]", "custom_field_option_invalid",
                    $"An option has a key (lower-case letters, digits, underscores) and a label of 1 to {MaxLabelLength} characters.");
            else if (options.Any(x => x.Key == o.Key))
                checks.Fail($"options[{i}]", "custom_field_option_repeated", $"Option {o.Key} is listed twice.");
            else options.Add(new CustomFieldOption(o.Key!, label, o.Retired));
        }
        foreach (var gone in before.Where(b => options.All(o => o.Key != b.Key)))
            checks.Fail("options", "custom_field_option_removed", $"Option {gone.Key} cannot be removed (records may hold it); retire it instead.");
        return options;
    }

    private static JsonElement? Default(FieldChecks checks, CustomFieldDefinition field, JsonElement? sent)
    {
        if (sent is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || field.Type.Length == 0) return null;
        if (field.Unique || field.Type == CustomFieldTypes.User)
        {
            checks.Fail("default", "custom_field_default_unsupported", "A unique field or a user field has no default.");
            return null;
        }
        var (normalized, error) = CustomValue.Check(field, value);
        if (error is not null) checks.Fail("default", "custom_field_default_invalid", "default takes " + CustomValue.Expected(field) + ".");
        return normalized;
    }
}

namespace Crm.Write.CustomFields;

/// <summary>
/// The custom-field commands (SET-1). A field's stream id is named by its kind and key, so two defines of one key meet on one stream
/// and the second is refused (409 custom_field_exists) by the stream's own version check, never a constraint error. Who may define
/// fields is the route's permission (custom-field.edit); fields have no owner.
/// </summary>
public sealed class CustomFieldHandler(CommandHandler handler, TimeProvider clock)
{
    public Task<CommandOutcome> DefineAsync(DefineCustomField command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(CustomField.Decider, command.FieldId,
            (state, _, _) => ValueTask.FromResult(CustomField.Decide(command, state, CommandContexts.For(clock, request))), request, ct);

    public Task<CommandOutcome> ChangeAsync(ChangeCustomField command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleReachedAsync(CustomField.Decider, command.FieldId, Live(command.FieldId),
            (state, _) => ValueTask.FromResult(CustomField.Decide(command, state, CommandContexts.For(clock, request))), request, null, ct);

    public Task<CommandOutcome> RetireAsync(RetireCustomField command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleReachedAsync(CustomField.Decider, command.FieldId, Live(command.FieldId),
            (state, _) => ValueTask.FromResult(CustomField.Decide(command, state, CommandContexts.For(clock, request))), request, null, ct);

    private static Func<CustomFieldState, CancellationToken, ValueTask<DomainError?>> Live(Guid id) =>
        (state, _) => ValueTask.FromResult(state.Live ? null : CustomField.NotFound(id));
}

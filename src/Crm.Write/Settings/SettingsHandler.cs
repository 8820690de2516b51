namespace Crm.Write.Settings;

/// <summary>
/// The settings commands (SET-2): the one settings stream, appended at the version loaded (If-Match, when sent, must
/// be that version). Who may change settings is the Host's permission gate (settings.edit), checked before the call.
/// </summary>
public sealed class SettingsHandler(CommandHandler handler, TimeProvider clock)
{
    public Task<CommandOutcome> ChangeAsync(ChangeSettings command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(SystemSettings.Decider, SystemSettings.StreamId,
            (state, _, _) => ValueTask.FromResult(SystemSettings.Decide(command, state, CommandContexts.For(clock, request))), request, ct);
}

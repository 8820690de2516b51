using Crm.Write.Org;

namespace Crm.Write.Integrations;

/// <summary>
/// The API token commands (SET-5; the endpoints ask for webhook.edit). A token is made by a person, never by another token, and hands
/// out nothing its creator does not hold: its permissions and data scope are checked like a role the creator shapes
/// (<see cref="RoleGrants.MayShape"/>: 403 beyond_your_rights).
/// </summary>
public sealed class ApiTokenHandler(CommandHandler handler, TimeProvider clock)
{
    public Task<CommandOutcome> CreateAsync(CreateApiToken command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        if (caller.Grant is not null)
        {
            return Task.FromResult(CommandOutcome.Refused(command.TokenId,
                DomainError.Forbidden("api_token_route_refused", "API tokens are made by a person signed in, not by another token.")));
        }
        return handler.CreateAsync(ApiToken.Decider, command.TokenId, (_, _) =>
        {
            var decision = ApiToken.Decide(command, caller.ActorId, CommandContexts.For(clock, request));
            if (decision.IsRefused) return ValueTask.FromResult(decision);
            var beyond = new RoleGrants(caller).MayShape(command.Permissions, command.DataScope);
            return ValueTask.FromResult(beyond is null ? decision : Decision.Refuse(beyond));
        }, request, guard: null, freshId: true, ct);
    }

    public Task<CommandOutcome> RevokeAsync(RevokeApiToken command, CommandRequest request, CancellationToken ct) =>
        handler.HandleReachedAsync(ApiToken.Decider, command.TokenId,
            (state, _) => ValueTask.FromResult(state.Exists ? null : ApiToken.NotFound(command.TokenId)),
            (state, _) => ValueTask.FromResult(ApiToken.Decide(command, state, CommandContexts.For(clock, request))), request, guard: null, ct);
}

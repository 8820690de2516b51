using Crm.Events.Integrations;
using Crm.Write.Access;

namespace Crm.Write.Integrations;

/// <summary>An API token as its stream has it.</summary>
public sealed record ApiTokenState(Guid Id, bool Exists, bool Revoked, Guid CreatedBy)
{
    public static ApiTokenState Empty { get; } = new(Guid.Empty, false, false, Guid.Empty);

    public static ApiTokenState Evolve(ApiTokenState s, object e) => e switch
    {
        ApiTokenCreated x => new(x.TokenId, true, false, x.CreatedBy),
        ApiTokenRevoked => s with { Revoked = true },
        _ => s,
    };
}

/// <summary>Make a token: the input as sent, and the SHA-256 (hex) of the secret the handler made.</summary>
public sealed record CreateApiToken(Guid TokenId, string? Name, IReadOnlyList<string?>? Permissions, string? DataScope, DateTimeOffset? ExpiresAt,
    string SecretHash);

public sealed record RevokeApiToken(Guid TokenId);

/// <summary>The decider of an API token (SET-5): one stream per token.</summary>
public static class ApiToken
{
    public const string StreamType = "api-token";
    public const int MaxName = 200;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    public static Decider<ApiTokenState> Decider { get; } = new(StreamType, ApiTokenState.Empty, ApiTokenState.Evolve);

    public static DomainError NotFound(Guid id) => DomainError.NotFound("api_token_not_found", $"API token {id} does not exist.");

    /// <summary>The input's own faults (400, every field named); the caller's rights are checked by the handler (<c>RoleGrants.MayShape</c>).</summary>
    public static Decision Decide(CreateApiToken command, Guid creator, CommandContext context)
    {
        var errors = new List<FieldError>();
        var name = command.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxName)
            errors.Add(new("name", "api_token_name_invalid", $"A name of 1 to {MaxName} characters."));
        if (command.Permissions is not { Count: > 0 })
            errors.Add(new("permissions", "permissions_required", "At least one permission of the catalogue."));
        for (var i = 0; i < (command.Permissions?.Count ?? 0); i++)
        {
            if (command.Permissions![i] is not { } p || !PermissionCatalogue.IsKnown(p))
                errors.Add(new($"permissions[{i}]", "permission_unknown", "Not a permission of the catalogue (GET /api/permissions)."));
        }
        if (!DataScopes.TryParse(command.DataScope, out _))
            errors.Add(new("dataScope", "data_scope_invalid", $"One of {string.Join(", ", DataScopes.Names)}."));
        if (command.ExpiresAt is not { } expires || expires <= context.Now || expires > context.Now + MaxLifetime)
            errors.Add(new("expiresAt", "api_token_expiry_invalid", $"A time in the future, at most {MaxLifetime.TotalDays} days ahead."));
        if (DomainError.Invalid(errors) is { } invalid) return invalid;
        return Decision.Accept(new ApiTokenCreated(command.TokenId, name!, command.SecretHash, command.Permissions!.Select(p => p!).Distinct().ToList(),
            command.DataScope!, command.ExpiresAt!.Value, creator, context.Now));
    }

    public static Decision Decide(RevokeApiToken command, ApiTokenState state, CommandContext context) =>
        !state.Exists ? NotFound(command.TokenId)
        : state.Revoked ? Decision.Nothing
        : Decision.Accept(new ApiTokenRevoked(state.Id, context.Now));
}

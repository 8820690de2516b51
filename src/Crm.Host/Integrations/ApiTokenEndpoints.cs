using System.Security.Cryptography;
using Crm.Host.Access;
using Crm.Host.Auth;
using Crm.Host.Platform;
using Crm.Projections.Integrations;
using Crm.Write.Integrations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Integrations;

/// <summary>/api/api-tokens (SET-5): tokens for other systems, made by administrators. docs/integration.md.</summary>
public static class ApiTokenEndpoints
{
    public static RouteGroupBuilder MapApiTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/api-tokens").WithTags("Integrations").RequireAuthorization();
        group.MapGet("/", List).WithName("ListApiTokens").RequirePermission("webhook.list").Documented(ApiTokenApiDocs.List);
        group.MapPost("/", Create).WithName("CreateApiToken").ForPeopleOnly().RequirePermission("webhook.edit").AsCommand().Documented(ApiTokenApiDocs.Create);
        group.MapGet("/{id:guid}", Get).WithName("GetApiToken").RequirePermission("webhook.list").Documented(ApiTokenApiDocs.Get);
        group.MapDelete("/{id:guid}", Revoke).WithName("RevokeApiToken").ForPeopleOnly().RequirePermission("webhook.edit").AsCommand()
            .Documented(ApiTokenApiDocs.Revoke);
        return group;
    }

    /// <summary>The API tokens.</summary>
    /// <param name="limit">Tokens per page, 1 to 500 (default 20).</param>
    /// <param name="cursor">nextCursor of the previous page.</param>
    private static async Task<Results<Ok<ApiTokenListResponse>, ProblemHttpResult>> List(int? limit, string? cursor, ApiTokenQueries tokens,
        CancellationToken ct)
    {
        if (WebhookEndpoints.PagingOf(limit, cursor, out var before) is { } bad) return bad;
        var size = limit ?? ListInputs.DefaultPageSize;
        var rows = await tokens.ListAsync(before, size + 1, ct);
        var page = rows.Take(size).Select(r => ApiTokenResponse.From(r)).ToList();
        return TypedResults.Ok(new ApiTokenListResponse(page, rows.Count > size ? page[^1].Id.ToString() : null));
    }

    /// <summary>Make an API token.</summary>
    private static async Task<Results<Created<ApiTokenResponse>, ProblemHttpResult>> Create(CreateApiTokenRequest body, HttpContext http,
        CallerAccess caller, ApiTokenHandler handler, ApiTokenQueries tokens, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var secret = ApiTokenSecrets.NewSecret();
        var command = new CreateApiToken(id, body.Name, body.Permissions, body.DataScope, body.ExpiresAt, ApiTokenSecrets.Hash(secret));
        var outcome = await handler.CreateAsync(command, caller, http.Command(), ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await http.ReadBackAsync(t => tokens.GetAsync(outcome.StreamId, t), ct);
        http.Response.Headers.CacheControl = "no-store";
        // A replayed request (Idempotency-Key) answers without the token: it was shown once, to the first.
        var token = outcome.Replayed ? null : ApiTokenSecrets.Format(id, secret);
        return TypedResults.Created($"/api/api-tokens/{row!.Token.Id}", ApiTokenResponse.From(row, token));
    }

    /// <summary>An API token.</summary>
    /// <param name="id">The token's id.</param>
    private static async Task<Results<Ok<ApiTokenResponse>, ProblemHttpResult>> Get(Guid id, ApiTokenQueries tokens, CancellationToken ct) =>
        await tokens.GetAsync(id, ct) is { } row ? TypedResults.Ok(ApiTokenResponse.From(row)) : ApiToken.NotFound(id).ToProblem();

    /// <summary>Revoke an API token.</summary>
    /// <param name="id">The token's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, HttpContext http, ApiTokenHandler handler, CancellationToken ct)
    {
        var outcome = await handler.RevokeAsync(new RevokeApiToken(id), http.Command(), ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }
}

/// <summary>
/// An API token's form: "crm_" + its id (32 hex digits) + "_" + 32 random bytes (base64url). Only the secret part's SHA-256 is stored;
/// the sign-in finds the token by its id and compares the hashes in constant time.
/// </summary>
public static class ApiTokenSecrets
{
    public const string Prefix = "crm_";

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    public static string Format(Guid id, string secret) => $"{Prefix}{id:N}_{secret}";

    /// <summary>The id and secret of a token in this form; false for anything else (a person's bearer token).</summary>
    public static bool TryParse(string token, out Guid id, out string secret)
    {
        (id, secret) = (Guid.Empty, "");
        if (token.Length is < 40 or > 100 || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[36] != '_') return false;
        if (!Guid.TryParseExact(token.AsSpan(4, 32), "N", out id)) return false;
        secret = token[37..];
        return true;
    }

    /// <summary>Does the secret match the stored hash? Compared in constant time.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Hash(secret)), System.Text.Encoding.ASCII.GetBytes(storedHash));
}

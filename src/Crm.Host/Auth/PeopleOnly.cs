namespace Crm.Host.Auth;

/// <summary>
/// A route for people signed in, never for an API token, though it names a permission: what it makes outlives the request and acts
/// later with its maker's own rights (a workflow rule runs as its author, a webhook streams the feed its creator may read, a token
/// is a credential) — made with a token, it would keep the person's full rights after the token is revoked or expires.
/// </summary>
public sealed record PeopleOnly
{
    public static readonly PeopleOnly Instance = new();
}

public static class PeopleOnlyRoutes
{
    /// <summary>Refuses API tokens here (403 api_token_route_refused), whatever permissions the token holds.</summary>
    public static TBuilder ForPeopleOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PeopleOnly.Instance);
}

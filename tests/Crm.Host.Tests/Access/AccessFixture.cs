using System.Security.Claims;
using System.Text.Encodings.Web;
using Alba;
using Crm.Events.Org;
using Crm.EventStore;
using Crm.Host.Access;
using Crm.Projections;
using Crm.Testing;
using Crm.Write.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Host.Tests.Access;

/// <summary>
/// A small app wired like the host's modules will be: the permission engine on a real database,
/// probe endpoints guarded by RequirePermission, and a test sign-in (header X-Test-User) standing
/// in for the bearer tokens of the identity module.
/// </summary>
public sealed class AccessFixture : IAsyncLifetime
{
    public const string UserHeader = "X-Test-User";

    public TestDatabase Database { get; private set; } = null!;
    public EventStore.EventStore Store { get; private set; } = null!;
    public IAlbaHost Host { get; private set; } = null!;
    public AccessControl Access => Host.Services.GetRequiredService<AccessControl>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(ReadModelMigrations.All);
        Store = new EventStore.EventStore(Database.DataSource, CrmEventTypes.CreateRegistry(), CrmProjections.Inline());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(Database.DataSource);
        builder.Services.AddSingleton<OrgSnapshotLoader>();
        builder.Services.AddSingleton<AccessControl>();
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(TestSignIn.SchemeName).AddScheme<AuthenticationSchemeOptions, TestSignIn>(TestSignIn.SchemeName, null);
        Host = await AlbaHost.For(builder, app =>
        {
            app.MapPost("/probe/customers", () => TypedResults.Ok("created")).RequirePermission("customer.create");
            // The shape every module's detail endpoint takes: permission first (403), then the owner against the scope (404).
            app.MapGet("/probe/customers/{ownerId}", (Guid ownerId, CallerAccess caller) =>
                    caller.VisibleOwners("customer.detail").Includes(ownerId) ? Results.Ok(ownerId) : Results.NotFound())
                .RequirePermission("customer.detail");
        });
    }

    /// <summary>A scenario sent as the user (signed in by X-Test-User), or signed out when null.</summary>
    public Task<IScenarioResult> As(Guid? user, Action<Scenario> configure) => Host.Scenario(s =>
    {
        s.AssertThat(Scenarios.BufferedBody);
        if (user is not null) s.WithRequestHeader(UserHeader, user.Value.ToString());
        configure(s);
    });

    public async Task AppendAsync(Guid stream, string type, params object[] events) =>
        await Store.AppendAsync(new StreamAppend(stream, type, ExpectedVersion.Any, events));

    public async Task<Guid> DepartmentAsync(Guid? parent = null)
    {
        var id = Guid.CreateVersion7();
        await AppendAsync(id, "department", new DepartmentCreated(id, "D" + id.ToString("N")[..8], parent));
        return id;
    }

    public async Task<Guid> RoleAsync(DataScope scope, params string[] permissions)
    {
        var id = Guid.CreateVersion7();
        await AppendAsync(id, "role", new RoleCreated(id, "R" + id.ToString("N"), "", permissions, DataScopes.NameOf(scope)));
        return id;
    }

    public async Task<Guid> UserAsync(Guid? department = null, Guid? superior = null, params Guid[] roles)
    {
        var id = Guid.CreateVersion7();
        var mobile = "+86" + TestRandom.NextInt64(10_000_000_000, 99_999_999_999);
        await AppendAsync(id, "user", new UserRegistered(id, mobile, "U", "unspecified", null, department, null, superior, roles));
        return id;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Signs the request in as the user id in X-Test-User; no header, no sign-in.</summary>
    private sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var value)) return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, value.ToString())], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}

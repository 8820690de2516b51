using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests;

/// <summary>
/// The one place for tests that need the wire itself, which the in-memory scenarios cannot give: header bytes as a
/// careless client sends them, Kestrel's own limits, a multipart upload over a socket. A second host of the fixture's
/// settings (same database) runs on Kestrel at a port the system picks, so two test runs on one machine never collide,
/// and a plain <see cref="HttpClient"/> talks to it. Everything else is a scenario (docs/testing.md).
/// </summary>
public sealed class WireHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    private WireHost(WebApplicationFactory<Program> factory, Uri address) => (this.factory, Address) = (factory, address);

    /// <summary>Where the host listens (127.0.0.1 and the port Kestrel was given).</summary>
    public Uri Address { get; }

    /// <summary>The second host's own services (its jobs, as another process of the app would run them).</summary>
    public IServiceProvider Services => factory.Services;

    /// <summary>Starts the second host; <paramref name="configure"/> adds to the fixture's settings (e.g. a smaller body limit).</summary>
    public static WireHost Start(HostFixture host, Action<IWebHostBuilder>? configure = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            host.Configure(web);
            configure?.Invoke(web);
        });
        // An explicit endpoint on port 0, not UseKestrel(0): a factory made by WithWebHostBuilder starts through its
        // parent's CreateHost, which never applies the port given to it, so Kestrel would bind its default 5000.
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WireHost(factory, new Uri(address));
    }

    /// <summary>
    /// A client for the host, carrying the token when given; header values go out in <paramref name="headerBytes"/>
    /// (UTF-8, or e.g. Latin-1's one byte per character) instead of the client's ASCII-only default.
    /// </summary>
    public HttpClient Client(string? accessToken, Encoding? headerBytes = null, Action<SocketsHttpHandler>? handlerSetup = null)
    {
        var handler = new SocketsHttpHandler();
        if (headerBytes is not null) handler.RequestHeaderEncodingSelector = (_, _) => headerBytes;
        handlerSetup?.Invoke(handler);
        var client = new HttpClient(handler) { BaseAddress = Address };
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}

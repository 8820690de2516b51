using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Attachments.AttachmentApi;

namespace Crm.Host.Tests.Attachments;

/// <summary>The attachmentMaxMegabytes setting (1 here) bounds every upload: 413 attachment_too_large naming it, in memory and on the wire.</summary>
public sealed class limiting_attachment_sizes(HostFixture host) : IClassFixture<HostFixture>, IAsyncLifetime
{
    private const int MiB = 1024 * 1024;

    public async Task InitializeAsync() => await host.Admin.SendAsync("PATCH", "/api/settings", new { attachmentMaxMegabytes = 1 });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_file_of_the_limit_is_taken_and_one_byte_more_is_a_413_naming_the_limit()
    {
        var lead = $"/api/leads/{(await host.Admin.CreateLeadAsync()).Id()}";
        var exact = new byte[MiB];
        Random.Shared.NextBytes(exact);
        Assert.Equal(MiB, (await host.Admin.UploadAsync(lead, exact, "exact.bin")).GetProperty("size").GetInt64());

        var before = await host.EventCountAsync();
        using var form = Form(new byte[MiB + 1], "big.bin");
        var problem = await host.Admin.UploadRefusedAsync(lead, form, 413, "file", "attachment_too_large");
        Assert.Contains("1 MB", problem.GetProperty("detail").GetString());
        Assert.Contains("attachmentMaxMegabytes", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task over_a_socket_the_limit_is_the_settings_not_kestrels_and_a_refusal_is_a_problem()
    {
        var lead = $"/api/leads/{(await host.Admin.CreateLeadAsync()).Id()}";
        // Kestrel's own limit far below the setting: the upload endpoint raises it for its request to the setting's.
        await using var wire = WireHost.Start(host, b => b.ConfigureServices(s => s.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 4096)));
        var connections = 0;
        using var client = wire.Client(host.Admin.AccessToken, handlerSetup: h => h.ConnectCallback = async (context, ct) =>
        {
            Interlocked.Increment(ref connections);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        });

        using (var taken = Form(new byte[200 * 1024], "taken.bin"))
        {
            var response = await client.PostAsync(lead + "/attachments", taken);
            Assert.Equal(201, (int)response.StatusCode);
        }
        foreach (var chunked in new[] { false, true })
        {
            using var big = Form(new byte[MiB + MiB / 2], "big.bin");
            if (chunked) big.Headers.ContentLength = null;
            using var request = new HttpRequestMessage(HttpMethod.Post, lead + "/attachments") { Content = chunked ? new ChunkedContent(big).WithType() : big };
            var response = await client.SendAsync(request);

            Assert.Equal(413, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("attachment_too_large", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), problem.ToString());
            Assert.Contains("1 MB", problem.GetProperty("detail").GetString());
        }
        // One connection throughout: after each refusal the host read the rest of the body instead of closing on unread bytes,
        // which resets the connection and can lose the 413 on its way to a client still sending.
        Assert.Equal(200, (int)(await client.GetAsync(lead)).StatusCode);
        Assert.Equal(1, connections);
    }

    /// <summary>The form sent without a Content-Length (chunked), so only reading can find it too large.</summary>
    private sealed class ChunkedContent(HttpContent inner) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            await inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        public ChunkedContent WithType()
        {
            Headers.ContentType = inner.Headers.ContentType;
            return this;
        }
    }
}

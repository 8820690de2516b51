using System.Net.ServerSentEvents;
using System.Text.Json;
using Crm.Host.Notifications;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Microsoft.AspNetCore.Hosting;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Notifications;

/// <summary>
/// GET /api/notifications/stream over a real socket, on a second host of the same database (WireHost): the notifications are written by
/// the fixture's host (or the second one: both run the outbox), so what reaches the stream went through PostgreSQL's NOTIFY.
/// </summary>
public sealed class streaming_notifications(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task a_stream_hears_its_users_new_notifications_and_unread_counts_from_any_host_and_nobody_elses()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var (otherId, _) = await host.SignedInUserAsync("self", SalesRep);
        await using var wire = WireHost.Start(host, web => web.UseSetting(NotificationStream.BeatSetting, "0.5"));
        using var client = wire.Client(rep.AccessToken);
        await using var stream = await InboxStream.OpenAsync(client);
        Assert.Equal(0, (await stream.NextAsync("unread")).GetProperty("unread").GetInt64());

        var elsewhere = await TransferAsync(otherId);
        var mine = await TransferAsync(repId);
        var heard = await stream.NextAsync("notification");
        Assert.Equal(mine, heard.GetProperty("recordId").GetGuid());
        Assert.Equal("customer_transferred", heard.GetProperty("kind").GetString());
        Assert.Equal(1, (await stream.NextAsync("unread")).GetProperty("unread").GetInt64());

        await rep.ExpectAsync(HttpMethod.Post, $"/api/notifications/{heard.Id()}/read", null);
        Assert.Equal(0, (await stream.NextAsync("unread")).GetProperty("unread").GetInt64());
        Assert.DoesNotContain(stream.Seen, e => e.EventType == "notification" && e.Data.Contains(elsewhere.ToString()));
    }

    [Fact]
    public async Task the_stream_ends_when_its_user_is_disabled()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        await using var wire = WireHost.Start(host, web => web.UseSetting(NotificationStream.BeatSetting, "0.5"));
        using var client = wire.Client(rep.AccessToken);
        await using var stream = await InboxStream.OpenAsync(client);
        await stream.NextAsync("unread");

        await host.Admin.SendAsync("POST", $"/api/users/{repId}/disable");

        // The second host learns of it when its session cache entry expires (Crm:Auth:SessionCacheSeconds, 5 s), then at the next beat.
        Assert.True(await stream.EndsWithinAsync(Patience), "the stream of a disabled user is still open");
    }

    private async Task<Guid> TransferAsync(Guid userId)
    {
        var customer = await host.Admin.CreatedAsync(Route, new { name = "Streamed " + Guid.NewGuid().ToString("N")[..6] });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/transfer", new { toUserId = userId });
        return customer.Id();
    }

    /// <summary>An open stream's events as they come (pings and all, in <see cref="Seen"/>).</summary>
    private sealed class InboxStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage response;
        private readonly IAsyncEnumerator<SseItem<string>> events;
        private readonly CancellationTokenSource open = new();

        private InboxStream(HttpResponseMessage response, Stream body)
        {
            this.response = response;
            events = SseParser.Create(body).EnumerateAsync(open.Token).GetAsyncEnumerator(open.Token);
        }

        public List<SseItem<string>> Seen { get; } = [];

        public static async Task<InboxStream> OpenAsync(HttpClient client)
        {
            var response = await client.GetAsync("/api/notifications/stream", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new InboxStream(response, await response.Content.ReadAsStreamAsync());
        }

        /// <summary>The data of the next event of the type (others are skipped); fails after the patience runs out.</summary>
        public async Task<JsonElement> NextAsync(string type)
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (true)
            {
                var next = events.MoveNextAsync().AsTask();
                Assert.True(await Task.WhenAny(next, Task.Delay(Timeout.Infinite, timeout.Token)) == next, $"no {type} event within {Patience}");
                Assert.True(await next, $"the stream ended before a {type} event");
                Seen.Add(events.Current);
                if (events.Current.EventType == type) return JsonDocument.Parse(events.Current.Data).RootElement.Clone();
            }
        }

        /// <summary>True when the server ends the stream within <paramref name="time"/> (pings until then are skipped).</summary>
        public async Task<bool> EndsWithinAsync(TimeSpan time)
        {
            var deadline = DateTime.UtcNow + time;
            while (DateTime.UtcNow < deadline)
            {
                var next = events.MoveNextAsync().AsTask();
                if (await Task.WhenAny(next, Task.Delay(deadline - DateTime.UtcNow)) != next) return false;
                if (!await next) return true;
                Seen.Add(events.Current);
            }
            return false;
        }

        public async ValueTask DisposeAsync()
        {
            await open.CancelAsync();
            response.Dispose();
            try { await events.DisposeAsync(); } catch (OperationCanceledException) { }
            open.Dispose();
        }
    }
}

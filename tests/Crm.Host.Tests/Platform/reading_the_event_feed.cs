using System.Text.Json;
using Crm.EventStore;
using Crm.Host.Audit;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Platform;

/// <summary>GET /api/events: the global feed in order, resumable, under audit.feed, with secrets redacted.</summary>
public sealed class reading_the_event_feed(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Route = "/api/events";

    /// <summary>Every event after <paramref name="after"/>, page by page, following next until a page says there is no more.</summary>
    private async Task<(List<JsonElement> Events, string Next)> ReadAllAsync(ApiCaller caller, string? after = null, int limit = 7)
    {
        var events = new List<JsonElement>();
        var next = after;
        while (true)
        {
            var page = await caller.GetJsonAsync($"{Route}?limit={limit}" + (next is null ? "" : $"&after={next}"));
            events.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
            if (!page.GetProperty("hasMore").GetBoolean()) return (events, next!);
        }
    }

    [Fact]
    public async Task the_feed_is_every_event_once_in_order_and_resumes_where_a_reader_stopped()
    {
        var first = await host.Admin.CreateLeadAsync();
        var (before, next) = await ReadAllAsync(host.Admin);
        var second = await host.Admin.CreateLeadAsync();
        var (after, _) = await ReadAllAsync(host.Admin, next);

        var positions = before.Concat(after).Select(e => Position(e)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(positions.Count, positions.Distinct().Count());
        Assert.Contains(before, e => e.GetProperty("streamId").GetGuid() == first.GetProperty("id").GetGuid());
        var created = Assert.Single(after, e => e.GetProperty("streamId").GetGuid() == second.GetProperty("id").GetGuid());
        Assert.Equal(("lead.created", 1L, 1), (created.GetProperty("type").GetString(), created.GetProperty("version").GetInt64(),
            created.GetProperty("schemaVersion").GetInt32()));
        Assert.Equal(second.GetProperty("name").GetString(), created.GetProperty("data").GetProperty("fields").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, created.GetProperty("metadata").GetProperty("requestId").ValueKind);
    }

    [Fact]
    public async Task password_hashes_never_leave_the_server()
    {
        var (feed, _) = await ReadAllAsync(host.Admin, limit: 1000);
        var passwordSets = feed.Where(e => e.GetProperty("type").GetString() == "user.password-set").ToList();
        Assert.NotEmpty(passwordSets); // the first super administrator's
        Assert.All(passwordSets, e => Assert.Equal(FeedRedaction.Redacted, e.GetProperty("data").GetProperty("passwordHash").GetString()));

        var hashes = new List<string>();
        await using (var cmd = host.Database.DataSource.CreateCommand("select data->>'passwordHash' from es.events where event_type = 'user.password-set'"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) hashes.Add(reader.GetString(0));
        }
        var text = (await host.Admin.Scenario(s => s.Get.Url($"{Route}?limit=1000"))).ReadAsText();
        Assert.All(hashes, hash => Assert.DoesNotContain(hash, text));
    }

    [Fact]
    public void every_secret_of_the_event_catalogue_is_known_to_the_redaction() =>
        Assert.Equal(["passwordHash"], FeedRedaction.SecretsByEventType["user.password-set"]);

    public sealed record Credential([property: Crm.Events.Secret] string Token, string Label);

    public sealed record Nested(
        Credential Main, IReadOnlyList<Credential> Others, [property: Crm.Events.Secret, System.Text.Json.Serialization.JsonPropertyName("pin_code")] string Pin);

    [Fact]
    public void secrets_are_found_in_records_and_lists_inside_an_event_and_under_their_json_names()
    {
        Assert.Equal(["main.token", "others[].token", "pin_code"], FeedRedaction.SecretPaths(typeof(Nested)).Order());
        var data = System.Text.Json.Nodes.JsonNode.Parse(
            """{"Main":{"token":"t1","label":"a"},"others":[{"TOKEN":"t2","label":"b"},{"token":"t3"}],"pin_code":"1234"}""")!.AsObject();

        var text = FeedRedaction.Apply(data, FeedRedaction.SecretPaths(typeof(Nested))).ToJsonString();

        Assert.DoesNotContain("t1", text);
        Assert.DoesNotContain("t2", text);
        Assert.DoesNotContain("t3", text);
        Assert.DoesNotContain("1234", text);
        Assert.Contains("\"label\":\"b\"", text);
    }

    [Theory]
    [InlineData("no.such.event", 1)] // a type of a newer build
    [InlineData("lead.created", 2)] // a schema version newer than this build's
    [InlineData("user.password-set", 0)] // another shape of an event with secrets
    public void data_this_build_cannot_vouch_for_is_withheld_whole(string type, int schemaVersion) =>
        Assert.Null(FeedRedaction.Data(type, schemaVersion, """{"passwordHash":"secret"}"""));

    [Fact]
    public async Task the_feed_takes_audit_feed_and_no_data_scope_narrows_it()
    {
        var (_, sales) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        var (_, auditor) = await host.SignedInUserAsync("self", "audit.feed");
        await host.SignedOut.Scenario(s => { s.Get.Url(Route); s.ProblemShouldBe(401); });
        await sales.Scenario(s => { s.Get.Url(Route); s.ProblemShouldBe(403, code: "permission_denied"); });

        var adminsLead = await host.Admin.CreateLeadAsync();
        var (seen, _) = await ReadAllAsync(auditor, limit: 1000);
        Assert.Contains(seen, e => e.GetProperty("streamId").GetGuid() == adminsLead.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("after=nonsense", "after", "position_invalid")]
    [InlineData("after=12-", "after", "position_invalid")]
    [InlineData("after=-1", "after", "position_invalid")]
    [InlineData("after=ffffffffffffffffff-1", "after", "position_invalid")]
    [InlineData("limit=0", "limit", "limit_out_of_range")]
    [InlineData("limit=1001", "limit", "limit_out_of_range")]
    public async Task a_bad_position_or_page_size_is_a_400_naming_it(string query, string field, string code) =>
        await host.Admin.Scenario(s => { s.Get.Url($"{Route}?{query}"); s.ProblemShouldBe(400, field, code); });

    [Fact]
    public async Task an_empty_page_at_the_head_says_so_and_keeps_the_position()
    {
        var (_, next) = await ReadAllAsync(host.Admin, limit: 1000);
        var page = await host.Admin.GetJsonAsync($"{Route}?after={next}");
        Assert.Equal((0, next, false), (page.GetProperty("items").GetArrayLength(), page.GetProperty("next").GetString(),
            page.GetProperty("hasMore").GetBoolean()));
    }

    private static GlobalPosition Position(JsonElement e) =>
        GlobalPosition.TryParse(e.GetProperty("position").GetString(), out var p) ? p : throw new FormatException("not a position");
}

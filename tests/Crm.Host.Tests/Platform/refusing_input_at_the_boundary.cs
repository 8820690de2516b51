using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Platform;

/// <summary>The named cases of broken input, each a 400 problem naming the field, and nothing written.</summary>
public sealed class refusing_input_at_the_boundary(HostFixture host) : IClassFixture<HostFixture>
{
    private static HttpContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task AssertCodeAsync(HttpResponseMessage response, int status, string field, string code) =>
        Assert.Equal(code, (await response.AssertProblemAsync(status, field)).GetProperty("code").GetString());

    [Fact]
    public async Task a_nul_in_the_sign_in_mobile_number_is_a_400_not_a_500()
    {
        var response = await host.Anonymous.SendJsonAsync(HttpMethod.Post, "/api/auth/login", """{"mobile":"138\u00000000","password":"x"}""");
        await AssertCodeAsync(response, 400, "mobile", "text_invalid");
    }

    [Fact]
    public async Task a_user_patch_with_a_lone_surrogate_a_repeated_key_or_bytes_that_are_not_utf8_changes_nothing()
    {
        var user = await host.Client.CreateUserAsync();
        var route = $"/api/users/{user.Id()}";
        var before = await host.EventCountAsync();

        Task<HttpResponseMessage> Patch(string json) => host.Client.SendJsonAsync(HttpMethod.Patch, route, json);
        await AssertCodeAsync(await Patch("""{"displayName":"a\ud800b"}"""), 400, "displayName", "text_invalid");
        await AssertCodeAsync(await Patch("""{"displayName":"a","displayName":"b"}"""), 400, "displayName", "field_repeated");
        await AssertCodeAsync(await Patch("""{"email":null,"Email":"x@y.example"}"""), 400, "Email", "field_repeated");
        byte[] broken = [.. """{"displayName":"a"""u8, 0xC3, 0x28, .. "\"}"u8];
        await AssertCodeAsync(await host.Client.PatchAsync(route, Json(broken)), 400, "displayName", "text_invalid");

        Assert.Equal(before, await host.EventCountAsync());
        var after = await (await host.Client.GetAsync(route)).JsonAsync();
        Assert.Equal(user.GetProperty("displayName").GetString(), after.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task null_inside_a_list_is_refused_with_its_path()
    {
        var rules = await host.Client.SendJsonAsync(HttpMethod.Put, "/api/pool/rules", """{"claimLimit":10,"claimCooldownDays":1,"rules":[null]}""");
        await AssertCodeAsync(rules, 400, "rules[0]", "item_null");
        var search = await host.Client.SendJsonAsync(HttpMethod.Post, "/api/customers/search",
            """{"filter":{"and":[{"field":"name","op":"in","value":["a",null]}]}}""");
        await AssertCodeAsync(search, 400, "filter.and[0].value[1]", "item_null");
    }

    [Fact]
    public async Task broken_text_in_a_filter_value_q_or_a_follow_up_is_refused_with_its_path()
    {
        var search = await host.Client.SendJsonAsync(HttpMethod.Post, "/api/leads/search",
            """{"filter":{"and":[{"field":"name","op":"eq","value":"x\u0000"}]}}""");
        await AssertCodeAsync(search, 400, "filter.and[0].value", "text_invalid");
        await AssertCodeAsync(await host.Client.GetAsync("/api/customers?q=a%00b"), 400, "q", "text_invalid");
        await AssertCodeAsync(await host.Client.GetAsync("/api/leads?q=%C0%AF"), 400, "q", "text_invalid");
        var customer = await host.Client.CreateCustomerAsync();
        var before = await host.EventCountAsync();
        var followUp = await host.Client.SendJsonAsync(HttpMethod.Post, $"/api/customers/{customer.Id()}/follow-ups",
            """{"content":"called\u0000","kind":"call"}""");
        await AssertCodeAsync(followUp, 400, "content", "text_invalid");
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_body_nested_too_deep_is_a_400_and_one_too_large_a_413_problem()
    {
        var deep = "{\"name\":" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "}";
        await AssertCodeAsync(await host.Client.SendJsonAsync(HttpMethod.Post, "/api/customers", deep), 400, "body", "body_too_deep");

        var huge = "{\"name\":\"" + new string('a', 2 << 20) + "\"}";
        await AssertCodeAsync(await host.Client.SendJsonAsync(HttpMethod.Post, "/api/customers", huge), 413, "body", "body_too_large");
    }

    [Theory]
    [InlineData("/api/customers?sort=--name")]
    [InlineData("/api/customers?sort=%2BupdatedAt")]
    [InlineData("/api/leads?sort=--name")]
    [InlineData("/api/contacts?sort=-%2Bname")]
    public async Task a_sort_is_a_field_or_a_minus_and_a_field_and_nothing_else(string route)
    {
        await AssertCodeAsync(await host.Client.GetAsync(route), 400, "sort", "sort_unknown");
    }

    [Theory]
    [InlineData("/api/customers")]
    [InlineData("/api/leads")]
    [InlineData("/api/contacts")]
    [InlineData("/api/pool")]
    public async Task every_list_refuses_a_q_over_the_one_length_limit(string route)
    {
        Assert.Equal(200, (int)(await host.Client.GetAsync($"{route}?q={new string('q', 200)}")).StatusCode);
        await AssertCodeAsync(await host.Client.GetAsync($"{route}?q={new string('q', 3000)}"), 400, "q", "q_too_long");
    }

    [Fact]
    public async Task the_briefing_of_an_unknown_user_is_a_404_not_zeros()
    {
        var problem = await (await host.Client.GetAsync($"/api/briefing?userId={Guid.CreateVersion7()}")).AssertProblemAsync(404);
        Assert.Equal("user_not_found", problem.GetProperty("code").GetString());
        var user = await host.Client.CreateUserAsync();
        Assert.Equal(200, (int)(await host.Client.GetAsync($"/api/briefing?userId={user.Id()}")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing", 404)]
    [InlineData("DELETE", "/api/briefing", 405)]
    public async Task routing_refusals_are_problems_with_type_and_title(string method, string route, int status)
    {
        var problem = await (await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), route))).AssertProblemAsync(status);
        Assert.StartsWith("https://", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task a_non_ascii_idempotency_key_is_a_problem_naming_the_header()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers")
        {
            Content = new StringContent("""{"name":"Keyed"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "clé-1");
        await AssertCodeAsync(await host.Client.SendAsync(request), 400, "Idempotency-Key", "idempotency_key_invalid");
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("iso-8859-1")]
    public async Task kestrel_hands_a_non_ascii_header_to_the_api_instead_of_answering_an_empty_400(string sentAs)
    {
        await using var kestrel = host.Factory.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var address = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // The client sends the header's bytes as a careless client would: UTF-8, or one byte per character (not UTF-8).
        var encoding = Encoding.GetEncoding(sentAs);
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => encoding }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = host.Client.DefaultRequestHeaders.Authorization;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers")
        {
            Content = new StringContent("""{"name":"Keyed over Kestrel"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "clé-1");

        await AssertCodeAsync(await client.SendAsync(request), 400, "Idempotency-Key", "idempotency_key_invalid");
    }

    [Theory]
    [InlineData("utf-8", "é-1")]
    [InlineData("iso-8859-1", "a\u00FFb")]
    public async Task a_non_ascii_request_or_correlation_id_is_replaced_not_echoed_into_a_500(string sentAs, string id)
    {
        await using var kestrel = host.Factory.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var address = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var encoding = Encoding.GetEncoding(sentAs);
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => encoding }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = host.Client.DefaultRequestHeaders.Authorization;

        foreach (var header in new[] { "X-Request-Id", "X-Correlation-Id" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/customers?limit=1");
            request.Headers.TryAddWithoutValidation(header, id);
            var response = await client.SendAsync(request);

            Assert.Equal(200, (int)response.StatusCode);
            var echoed = Assert.Single(response.Headers.GetValues("X-Request-Id"));
            Assert.True(echoed.Length > 0 && echoed.All(c => c is > ' ' and <= '~'), echoed);
        }
    }

    [Fact]
    public async Task a_bom_does_not_carry_nul_or_null_items_past_the_check()
    {
        byte[] Bom(string json) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)];
        var before = await host.EventCountAsync();

        await AssertCodeAsync(await host.Client.PostAsync("/api/customers", Json(Bom("""{"name":"a\u0000b"}"""))), 400, "name", "text_invalid");
        await AssertCodeAsync(await host.Client.PutAsync("/api/pool/rules", Json(Bom("""{"claimLimit":10,"claimCooldownDays":1,"rules":[null]}"""))),
            400, "rules[0]", "item_null");
        Assert.Equal(before, await host.EventCountAsync());

        // A clean body with a BOM is still taken, as the binder takes it.
        Assert.Equal(201, (int)(await host.Client.PostAsync("/api/customers", Json(Bom($$"""{"name":"Bom {{Guid.NewGuid():N}}"}""")))).StatusCode);
    }

    [Fact]
    public async Task json_in_another_charset_is_a_415_and_malformed_json_a_400_naming_the_body()
    {
        var before = await host.EventCountAsync();
        var utf16 = new ByteArrayContent(Encoding.Unicode.GetBytes("""{"name":"a\u0000b","rules":[null]}"""));
        utf16.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-16");
        await AssertCodeAsync(await host.Client.PostAsync("/api/customers", utf16), 415, "body", "charset_unsupported");
        var latin1 = new ByteArrayContent(Encoding.Latin1.GetBytes("""{"name":"Café"}"""));
        latin1.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=iso-8859-1");
        var refused = await (await host.Client.PostAsync("/api/customers", latin1)).AssertProblemAsync(415, "body");
        Assert.Equal("charset_unsupported", refused.GetProperty("code").GetString());
        Assert.Equal("The request's media type is not supported.", refused.GetProperty("title").GetString());

        await AssertCodeAsync(await host.Client.PostAsync("/api/customers", Json("""{"name":"""u8.ToArray())), 400, "body", "json_invalid");
        await AssertCodeAsync(await host.Client.PostAsync("/api/customers", Json([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. """{"name":"x"}"""u8])),
            400, "body", "json_invalid");
        Assert.Equal(before, await host.EventCountAsync());

        var utf8 = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"name":"Utf8 {{Guid.NewGuid():N}}"}"""));
        utf8.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=UTF-8");
        Assert.Equal(201, (int)(await host.Client.PostAsync("/api/customers", utf8)).StatusCode);
    }
}

/// <summary>The sign-in limit's 429 is a full problem, type included.</summary>
public sealed class throttled_sign_in_problem(throttled_sign_in_problem.Limits host) : IClassFixture<throttled_sign_in_problem.Limits>
{
    public sealed class Limits : HostFixture
    {
        protected override IEnumerable<(string Key, string Value)> Settings() => [("Crm:Auth:LoginAttemptsPerMobile", "1")];
    }

    [Fact]
    public async Task the_429_names_its_type()
    {
        var mobile = UserApi.NewMobile();
        await host.Anonymous.LoginAsync(mobile, "guess");
        var problem = await (await host.Anonymous.LoginAsync(mobile, "guess again")).AssertProblemAsync(429);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }
}

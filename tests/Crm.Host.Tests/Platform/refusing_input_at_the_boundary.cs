using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Platform;

/// <summary>The named cases of broken input, each a 400 problem naming the field, and nothing written.</summary>
public sealed class refusing_input_at_the_boundary(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Sends the request as the caller and expects the problem naming the field with the code.</summary>
    private static async Task<JsonElement> RefusedAsync(ApiCaller caller, Action<Scenario> request, int status, string field, string code) =>
        (await caller.Scenario(s =>
        {
            request(s);
            s.ProblemShouldBe(status, field, code);
        })).Json();

    private Task<JsonElement> RefusedAsync(Action<Scenario> request, int status, string field, string code) =>
        RefusedAsync(host.Admin, request, status, field, code);

    [Fact]
    public async Task a_nul_in_the_sign_in_mobile_number_is_a_400_not_a_500()
    {
        await RefusedAsync(host.SignedOut, s => s.Post.RawJson("""{"mobile":"138\u00000000","password":"x"}""").ToUrl("/api/auth/login"),
            400, "mobile", "text_invalid");
    }

    [Fact]
    public async Task a_user_patch_with_a_lone_surrogate_a_repeated_key_or_bytes_that_are_not_utf8_changes_nothing()
    {
        var user = await host.Admin.CreateUserAsync();
        var route = $"/api/users/{user.Id()}";
        var before = await host.EventCountAsync();

        Action<Scenario> Patch(string json) => s => s.Patch.RawJson(json).ToUrl(route);
        await RefusedAsync(Patch("""{"displayName":"a\ud800b"}"""), 400, "displayName", "text_invalid");
        await RefusedAsync(Patch("""{"displayName":"a","displayName":"b"}"""), 400, "displayName", "field_repeated");
        await RefusedAsync(Patch("""{"email":null,"Email":"x@y.example"}"""), 400, "Email", "field_repeated");
        byte[] broken = [.. """{"displayName":"a"""u8, 0xC3, 0x28, .. "\"}"u8];
        await RefusedAsync(s => s.Patch.ByteArray(broken).ToUrl(route).ContentType("application/json"), 400, "displayName", "text_invalid");

        Assert.Equal(before, await host.EventCountAsync());
        var after = await host.Admin.GetJsonAsync(route);
        Assert.Equal(user.GetProperty("displayName").GetString(), after.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task null_inside_a_list_is_refused_with_its_path()
    {
        await RefusedAsync(s => s.Put.RawJson("""{"claimLimit":10,"claimCooldownDays":1,"rules":[null]}""").ToUrl("/api/pool/rules"),
            400, "rules[0]", "item_null");
        await RefusedAsync(s => s.Post.RawJson("""{"filter":{"and":[{"field":"name","op":"in","value":["a",null]}]}}""").ToUrl("/api/customers/search"),
            400, "filter.and[0].value[1]", "item_null");
    }

    [Fact]
    public async Task broken_text_in_a_filter_value_q_or_a_follow_up_is_refused_with_its_path()
    {
        await RefusedAsync(s => s.Post.RawJson("""{"filter":{"and":[{"field":"name","op":"eq","value":"x\u0000"}]}}""").ToUrl("/api/leads/search"),
            400, "filter.and[0].value", "text_invalid");
        await RefusedAsync(s => s.GetExactly("/api/customers?q=a%00b"), 400, "q", "text_invalid");
        await RefusedAsync(s => s.GetExactly("/api/leads?q=%C0%AF"), 400, "q", "text_invalid");
        var customer = await host.Admin.CreatedAsync(CustomerApi.Route, new { name = "Acme " + Guid.NewGuid().ToString("N")[..12] });
        var before = await host.EventCountAsync();
        await RefusedAsync(s => s.Post.RawJson("""{"content":"called\u0000","kind":"call"}""").ToUrl($"/api/customers/{customer.Id()}/follow-ups"),
            400, "content", "text_invalid");
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_body_nested_too_deep_is_a_400_and_one_too_large_a_413_problem()
    {
        var deep = "{\"name\":" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "}";
        await RefusedAsync(s => s.Post.RawJson(deep).ToUrl("/api/customers"), 400, "body", "body_too_deep");

        var huge = "{\"name\":\"" + new string('a', 2 << 20) + "\"}";
        await RefusedAsync(s => s.Post.RawJson(huge).ToUrl("/api/customers"), 413, "body", "body_too_large");
    }

    [Theory]
    [InlineData("/api/customers?sort=--name")]
    [InlineData("/api/customers?sort=%2BupdatedAt")]
    [InlineData("/api/leads?sort=--name")]
    [InlineData("/api/contacts?sort=-%2Bname")]
    public async Task a_sort_is_a_field_or_a_minus_and_a_field_and_nothing_else(string route)
    {
        await RefusedAsync(s => s.GetExactly(route), 400, "sort", "sort_unknown");
    }

    [Theory]
    [InlineData("/api/customers")]
    [InlineData("/api/leads")]
    [InlineData("/api/contacts")]
    [InlineData("/api/pool")]
    public async Task every_list_refuses_a_q_over_the_one_length_limit(string route)
    {
        await host.Admin.Scenario(s => s.GetExactly($"{route}?q={new string('q', 200)}"));
        await RefusedAsync(s => s.GetExactly($"{route}?q={new string('q', 3000)}"), 400, "q", "q_too_long");
    }

    [Fact]
    public async Task the_briefing_of_an_unknown_user_is_a_404_not_zeros()
    {
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"/api/briefing?userId={Guid.CreateVersion7()}");
            s.ProblemShouldBe(404, code: "user_not_found");
        });
        var user = await host.Admin.CreateUserAsync();
        await host.Admin.Scenario(s => s.Get.Url($"/api/briefing?userId={user.Id()}"));
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing", 404)]
    [InlineData("DELETE", "/api/briefing", 405)]
    public async Task routing_refusals_are_problems_with_type_and_title(string method, string route, int status)
    {
        var problem = (await host.Admin.Scenario(s =>
        {
            s.Get.Url(route);
            s.ConfigureHttpContext(c => c.Request.Method = method);
            s.ProblemShouldBe(status);
        })).Json();
        Assert.StartsWith("https://", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task a_non_ascii_idempotency_key_is_a_problem_naming_the_header()
    {
        await RefusedAsync(s =>
        {
            s.Post.RawJson("""{"name":"Keyed"}""").ToUrl("/api/customers");
            s.IdempotencyKey("clé-1");
        }, 400, "Idempotency-Key", "idempotency_key_invalid");
    }

    // The two below need the wire itself (header bytes as a careless client sends them): a WireHost, reached by a socket client
    // sending the header's bytes as a careless client would: UTF-8, or one byte per character (not UTF-8).

    [Theory]
    [InlineData("utf-8")]
    [InlineData("iso-8859-1")]
    public async Task kestrel_hands_a_non_ascii_header_to_the_api_instead_of_answering_an_empty_400(string sentAs)
    {
        await using var wire = WireHost.Start(host);
        using var client = wire.Client(host.Admin.AccessToken, Encoding.GetEncoding(sentAs));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers")
        {
            Content = new StringContent("""{"name":"Keyed over Kestrel"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "clé-1");

        var response = await client.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
        Assert.Equal("idempotency_key_invalid", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("utf-8", "é-1")]
    [InlineData("iso-8859-1", "a\u00FFb")]
    public async Task a_non_ascii_request_or_correlation_id_is_replaced_not_echoed_into_a_500(string sentAs, string id)
    {
        await using var wire = WireHost.Start(host);
        using var client = wire.Client(host.Admin.AccessToken, Encoding.GetEncoding(sentAs));

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

        await RefusedAsync(s => s.Post.ByteArray(Bom("""{"name":"a\u0000b"}""")).ToUrl("/api/customers").ContentType("application/json"),
            400, "name", "text_invalid");
        var rules = Bom("""{"claimLimit":10,"claimCooldownDays":1,"rules":[null]}""");
        await RefusedAsync(s => s.Put.ByteArray(rules).ToUrl("/api/pool/rules").ContentType("application/json"), 400, "rules[0]", "item_null");
        Assert.Equal(before, await host.EventCountAsync());

        // A clean body with a BOM is still taken, as the binder takes it.
        await host.Admin.Scenario(s =>
        {
            s.Post.ByteArray(Bom($$"""{"name":"Bom {{Guid.NewGuid():N}}"}""")).ToUrl("/api/customers").ContentType("application/json");
            s.StatusCodeShouldBe(201);
        });
    }

    [Fact]
    public async Task json_in_another_charset_is_a_415_and_malformed_json_a_400_naming_the_body()
    {
        var before = await host.EventCountAsync();
        var utf16 = Encoding.Unicode.GetBytes("""{"name":"a\u0000b","rules":[null]}""");
        await RefusedAsync(s => s.Post.ByteArray(utf16).ToUrl("/api/customers").ContentType("application/json; charset=utf-16"),
            415, "body", "charset_unsupported");
        var latin1 = Encoding.Latin1.GetBytes("""{"name":"Café"}""");
        var refused = await RefusedAsync(s => s.Post.ByteArray(latin1).ToUrl("/api/customers").ContentType("application/json; charset=iso-8859-1"),
            415, "body", "charset_unsupported");
        Assert.Equal("The request's media type is not supported.", refused.GetProperty("title").GetString());

        await RefusedAsync(s => s.Post.ByteArray("""{"name":"""u8.ToArray()).ToUrl("/api/customers").ContentType("application/json"),
            400, "body", "json_invalid");
        byte[] twoBoms = [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. """{"name":"x"}"""u8];
        await RefusedAsync(s => s.Post.ByteArray(twoBoms).ToUrl("/api/customers").ContentType("application/json"), 400, "body", "json_invalid");
        Assert.Equal(before, await host.EventCountAsync());

        await host.Admin.Scenario(s =>
        {
            s.Post.ByteArray(Encoding.UTF8.GetBytes($$"""{"name":"Utf8 {{Guid.NewGuid():N}}"}""")).ToUrl("/api/customers")
                .ContentType("application/json; charset=UTF-8");
            s.StatusCodeShouldBe(201);
        });
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
        await host.SignedOut.Scenario(s =>
        {
            s.Post.Json(new { mobile, password = "guess" }).ToUrl("/api/auth/login");
            s.IgnoreStatusCode();
        });
        var problem = (await host.SignedOut.Scenario(s =>
        {
            s.Post.Json(new { mobile, password = "guess again" }).ToUrl("/api/auth/login");
            s.ProblemShouldBe(429);
        })).Json();
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }
}

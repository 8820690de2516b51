using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Products;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.DataSync;

/// <summary>PUT /api/{kind}/by-external-id/{system}/{externalId}: one record per key, created once, then updated; scope, If-Match, keys.</summary>
public sealed class upserting_by_external_id(HostFixture host) : IClassFixture<HostFixture>
{
    private static string Key() => "ext-" + Guid.NewGuid().ToString("N")[..12];

    private static string Path(string kind, string system, string externalId) => $"/api/{kind}/by-external-id/{system}/{externalId}";

    private static object Customer(string? level = null) => new { name = "Upserted " + Guid.NewGuid().ToString("N")[..12], level };

    [Fact]
    public async Task the_first_put_creates_and_links_the_customer_and_the_next_updates_it()
    {
        var key = Key();
        var created = await host.Admin.Scenario(s =>
        {
            s.Put.Json(Customer("B")).ToUrl(Path("customers", "ERP", key));
            s.StatusCodeShouldBe(201);
        });
        var id = created.Json().Id();
        Assert.Equal($"/api/customers/{id}", created.Header("Location"));
        Assert.Equal("\"2\"", created.ETag());

        var updated = await host.Admin.Scenario(s =>
        {
            s.Put.Json(new { name = created.Json().GetProperty("name").GetString(), level = "A" }).ToUrl(Path("customers", "erp", key));
            s.IfMatch(created.ETag());
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal(id, updated.Json().Id());
        Assert.Equal("A", updated.Json().GetProperty("level").GetString());
        var history = await host.Admin.GetJsonAsync($"{Route}/{id}/history");
        Assert.Contains(history.GetProperty("items").EnumerateArray(), e => e.GetProperty("eventType").GetString() == "customer.external-id-linked");
    }

    [Fact]
    public async Task parallel_puts_with_one_key_create_one_record_and_update_it()
    {
        for (var round = 0; round < 4; round++)
        {
            var key = Key();
            // Odd rounds send one body six times, as a client retrying would: the copies must update, not fail as duplicates.
            var odd = round % 2 == 1;
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => host.Admin.Scenario(s =>
            {
                s.Put.Json(odd ? new { name = $"Racer {key}", createAnyway = false } : new { name = $"Racer {key} {i}", createAnyway = true })
                    .ToUrl(Path("customers", "crm2", key));
                s.IgnoreStatusCode();
            })));

            Assert.Equal(1, answers.Count(a => a.Status() == 201));
            Assert.Equal(5, answers.Count(a => a.Status() == 200));
            Assert.Single(answers.Select(a => a.Json().Id()).Distinct());
        }
    }

    [Fact]
    public async Task parallel_puts_of_leads_and_products_with_one_key_also_create_one_record_each()
    {
        var key = Key();
        var leads = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => host.Admin.Scenario(s =>
        {
            s.Put.Json(new { name = $"Lead {key} {i}", createAnyway = true }).ToUrl(Path("leads", "shop", key));
            s.IgnoreStatusCode();
        })));
        var code = ProductApi.NewCode();
        var products = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => host.Admin.Scenario(s =>
        {
            s.Put.Json(new { name = $"Product {i}", code, price = 10m + i }).ToUrl(Path("products", "shop", key));
            s.IgnoreStatusCode();
        })));

        foreach (var answers in new[] { leads, products })
        {
            Assert.Equal(1, answers.Count(a => a.Status() == 201));
            Assert.Equal(3, answers.Count(a => a.Status() == 200));
            Assert.Single(answers.Select(a => a.Json().Id()).Distinct());
        }
    }

    [Fact]
    public async Task a_key_linked_to_a_record_outside_the_callers_scope_is_unavailable_and_names_nothing()
    {
        var key = Key();
        var admins = await host.Admin.Scenario(s =>
        {
            s.Put.Json(Customer("B")).ToUrl(Path("customers", "erp", key));
            s.StatusCodeShouldBe(201);
        });
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);

        var refused = await rep.Scenario(s =>
        {
            s.Put.Json(Customer("Z")).ToUrl(Path("customers", "erp", key));
            s.ProblemShouldBe(409, "externalId", "external_id_unavailable");
        });
        Assert.DoesNotContain(admins.Json().Id().ToString(), refused.ReadAsText());
        var after = await host.Admin.GetJsonAsync($"{Route}/{admins.Json().Id()}");
        Assert.Equal("B", after.GetProperty("level").GetString());
        Assert.Equal(2, after.GetProperty("version").GetInt64());

        // Their own key works as for anyone: the pair is per kind and per system.
        await rep.Scenario(s =>
        {
            s.Put.Json(Customer()).ToUrl(Path("customers", "other-erp", key));
            s.StatusCodeShouldBe(201);
        });
    }

    [Fact]
    public async Task a_deleted_product_keeps_its_key_which_then_is_unavailable()
    {
        var key = Key();
        var created = (await host.Admin.Scenario(s =>
        {
            s.Put.Json(new { name = "Short-lived", code = ProductApi.NewCode(), price = 5m }).ToUrl(Path("products", "shop", key));
            s.StatusCodeShouldBe(201);
        })).Json();
        await host.Admin.Scenario(s =>
        {
            s.Delete.Url($"/api/products/{created.Id()}");
            s.StatusCodeShouldBe(204);
        });

        await host.Admin.Scenario(s =>
        {
            s.Put.Json(new { name = "Again", code = ProductApi.NewCode(), price = 5m }).ToUrl(Path("products", "shop", key));
            s.ProblemShouldBe(409, "externalId", "external_id_unavailable");
        });
    }

    [Fact]
    public async Task if_match_is_checked_against_the_linked_record_and_refused_when_nothing_is_linked()
    {
        var key = Key();
        await host.Admin.Scenario(s =>
        {
            s.Put.Json(Customer()).ToUrl(Path("customers", "erp", key));
            s.IfMatch("\"1\"");
            s.ProblemShouldBe(412, code: "stale_version");
        });
        await host.Admin.Scenario(s =>
        {
            s.Put.Json(Customer()).ToUrl(Path("customers", "erp", key));
            s.StatusCodeShouldBe(201);
        });
        await host.Admin.Scenario(s =>
        {
            s.Put.Json(Customer("C")).ToUrl(Path("customers", "erp", key));
            s.IfMatch("\"1\"");
            s.ProblemShouldBe(412, code: "stale_version");
        });
    }

    [Fact]
    public async Task a_retry_with_the_idempotency_key_answers_the_first_201_and_writes_nothing()
    {
        var key = Key();
        var body = Customer("B");
        var answers = new List<IScenarioResult>();
        for (var i = 0; i < 2; i++)
        {
            answers.Add(await host.Admin.Scenario(s =>
            {
                s.Put.Json(body).ToUrl(Path("customers", "erp", key));
                s.IdempotencyKey("upsert-" + key);
                s.StatusCodeShouldBe(201);
            }));
        }
        Assert.Equal(answers[0].Json().Id(), answers[1].Json().Id());
        Assert.Equal("true", answers[1].Header("Idempotent-Replayed"));
        Assert.Equal(2, (await host.Admin.GetJsonAsync($"{Route}/{answers[0].Json().Id()}")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task contacts_are_upserted_under_their_customer()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var key = Key();
        var body = new { customerId = customer.Id(), name = "Zhang Min", title = "Buyer" };
        var created = await host.Admin.Scenario(s =>
        {
            s.Put.Json(body).ToUrl(Path("contacts", "erp", key));
            s.StatusCodeShouldBe(201);
        });
        var updated = await host.Admin.Scenario(s =>
        {
            s.Put.Json(body with { title = "Head buyer" }).ToUrl(Path("contacts", "erp", key));
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal(created.Json().Id(), updated.Json().Id());
        Assert.Equal("Head buyer", updated.Json().GetProperty("title").GetString());
        await host.Admin.Scenario(s =>
        {
            s.Put.Json(new { name = "No customer" }).ToUrl(Path("contacts", "erp", Key()));
            s.ProblemShouldBe(400, "customerId", "customer_required");
        });
    }

    [Fact]
    public async Task a_bad_system_or_external_id_is_a_400_naming_it()
    {
        await host.Admin.Scenario(s =>
        {
            s.Put.Json(Customer()).ToUrl(Path("customers", "-erp", Key()));
            s.ProblemShouldBe(400, "system", "external_system_invalid");
        });
        await host.Admin.Scenario(s =>
        {
            s.Put.Json(Customer()).ToUrl(Path("customers", "erp", new string('x', 201)));
            s.ProblemShouldBe(400, "externalId", "external_id_invalid");
        });
    }

    [Fact]
    public async Task an_upsert_needs_both_create_and_edit()
    {
        var (_, creator) = await host.SignedInUserAsync("self", "customer.create", "customer.detail");
        await creator.Scenario(s =>
        {
            s.Put.Json(Customer()).ToUrl(Path("customers", "erp", Key()));
            s.ProblemShouldBe(403, code: "permission_denied");
        });
    }
}

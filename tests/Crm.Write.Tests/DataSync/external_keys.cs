using Crm.Events.Customers;
using Crm.Events.Products;
using Crm.Write.DataSync;

namespace Crm.Write.Tests.DataSync;

/// <summary>An external id's parts as the upsert route takes them, and the linking event per kind.</summary>
public sealed class external_keys
{
    [Theory]
    [InlineData("ERP", "A-1", "erp", "A-1")]
    [InlineData("shop.example_2", "ext id with spaces inside", "shop.example_2", "ext id with spaces inside")]
    [InlineData("x", "客户-42", "x", "客户-42")]
    public void a_good_key_keeps_its_id_as_sent_and_its_system_in_lower_case(string system, string id, string keptSystem, string keptId)
    {
        var (key, error) = ExternalKey.Parse("customer", system, id);
        Assert.Null(error);
        Assert.Equal(new ExternalKey("customer", keptSystem, keptId), key);
        Assert.Equal($"external-id:customer:{keptSystem}:{keptId}", key!.LockName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-erp")]
    [InlineData("erp system")]
    [InlineData("erp/1")]
    [InlineData("ｅｒｐ")]
    public void a_bad_system_is_named(string system)
    {
        var (key, error) = ExternalKey.Parse("customer", system, "1");
        Assert.Null(key);
        Assert.Equal(("system", "external_system_invalid"), (error!.Field, error.Code));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" padded")]
    [InlineData("tab\there")]
    [InlineData("a\ud800b")]
    [InlineData("a\ufffdb")]
    [InlineData("a%FFb")]
    public void a_bad_external_id_is_named(string id)
    {
        var (key, error) = ExternalKey.Parse("customer", "erp", id);
        Assert.Null(key);
        Assert.Equal(("externalId", "external_id_invalid"), (error!.Field, error.Code));
    }

    [Fact]
    public void an_external_id_is_at_most_200_characters()
    {
        Assert.Null(ExternalKey.Parse("lead", "erp", new string('x', ExternalKey.MaxIdLength)).Error);
        Assert.NotNull(ExternalKey.Parse("lead", "erp", new string('x', ExternalKey.MaxIdLength + 1)).Error);
    }

    [Fact]
    public void each_kind_links_with_its_own_event()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(new CustomerExternalIdLinked(id, "erp", "1"), ExternalIdUpserts.Linked(new ExternalKey("customer", "erp", "1"), id));
        Assert.Equal(new ProductExternalIdLinked(id, "erp", "1"), ExternalIdUpserts.Linked(new ExternalKey("product", "erp", "1"), id));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExternalIdUpserts.Linked(new ExternalKey("opportunity", "erp", "1"), id));
    }
}

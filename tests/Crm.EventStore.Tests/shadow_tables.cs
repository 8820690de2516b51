using Crm.EventStore.Rebuilds;

namespace Crm.EventStore.Tests;

/// <summary>The rewrite that points a projection's statements at its shadow tables: its own tables, nothing else.</summary>
public sealed class shadow_tables
{
    private readonly ShadowTables shadow = new(["crm.receivable_plans", "org.users"]);

    [Theory]
    [InlineData("insert into crm.receivable_plans (id) values (@id)", "insert into crm_rebuild.receivable_plans (id) values (@id)")]
    [InlineData("update org.users set name = @n where id = @id", "update org_rebuild.users set name = @n where id = @id")]
    [InlineData("truncate crm.receivable_plans, org.users", "truncate crm_rebuild.receivable_plans, org_rebuild.users")]
    [InlineData("select * from crm.receivable_plans_remind", "select * from crm.receivable_plans_remind")]
    [InlineData("select * from xcrm.receivable_plans", "select * from xcrm.receivable_plans")]
    [InlineData("select owner_id from crm.contracts c join org.users u on u.id = c.owner_id",
        "select owner_id from crm.contracts c join org_rebuild.users u on u.id = c.owner_id")]
    [InlineData("select * from crm_rebuild.receivable_plans", "select * from crm_rebuild.receivable_plans")]
    [InlineData("select \"crm.receivable_plans\" from t", "select \"crm.receivable_plans\" from t")]
    public void only_the_owned_tables_are_pointed_at_their_shadows(string sql, string expected) =>
        Assert.Equal(expected, shadow.Apply(sql));

    [Theory]
    [InlineData("customers")]
    [InlineData("crm.Customers")]
    [InlineData("\"crm\".\"customers\"")]
    public void a_table_is_named_with_its_schema_in_lower_case(string table) =>
        Assert.Throws<ArgumentException>(() => new ShadowTables([table]));
}

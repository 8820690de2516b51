using Crm.Write.Access;

namespace Crm.Write.Tests.Access;

public sealed class the_permission_catalogue
{
    [Fact]
    public void names_are_unique_and_module_dot_action()
    {
        var names = PermissionCatalogue.All.Select(p => p.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(PermissionCatalogue.All, p =>
        {
            Assert.Matches("^[a-z][a-z-]*\\.[a-z][a-z-]*$", p.Name);
            Assert.Equal($"{p.Module}.{p.Action}", p.Name);
        });
    }

    [Theory]
    [InlineData("customer.create")]
    [InlineData("customer.list")]
    [InlineData("customer.detail")]
    [InlineData("customer.edit")]
    [InlineData("customer.delete")]
    [InlineData("customer.import")]
    [InlineData("customer.export")]
    [InlineData("customer.transfer")]
    [InlineData("customer.lock")]
    [InlineData("pool.claim")]
    [InlineData("pool.assign")]
    [InlineData("lead.convert")]
    [InlineData("contract.approve")]
    [InlineData("department.create")]
    [InlineData("user.disable")]
    [InlineData("role.edit")]
    [InlineData("settings.edit")]
    public void the_permissions_other_modules_rely_on_exist(string name) => Assert.True(PermissionCatalogue.IsKnown(name));

    [Fact]
    public void every_module_of_the_specification_has_permissions()
    {
        string[] modules =
        [
            "lead", "customer", "contact", "pool", "opportunity", "contract", "payment-plan", "payment", "invoice", "product", "task",
            "schedule", "dashboard", "report", "department", "position", "user", "role", "settings", "custom-field", "workflow",
            "webhook", "campaign", "ticket",
        ];
        Assert.All(modules, m => Assert.Contains(PermissionCatalogue.Modules, x => x.Module == m && x.Permissions.Count > 0));
    }

    [Fact]
    public void data_scope_names_round_trip()
    {
        foreach (var scope in Enum.GetValues<DataScope>())
        {
            Assert.True(DataScopes.TryParse(DataScopes.NameOf(scope), out var parsed));
            Assert.Equal(scope, parsed);
        }
        Assert.False(DataScopes.TryParse("everyone", out _));
        Assert.False(DataScopes.TryParse(null, out _));
    }

    [Fact]
    public void docs_permissions_md_lists_every_permission()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Crm.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var doc = File.ReadAllText(Path.Combine(root.FullName, "docs", "permissions.md"));
        Assert.All(PermissionCatalogue.All, p => Assert.Contains($"`{p.Name}`", doc, StringComparison.Ordinal));
    }
}

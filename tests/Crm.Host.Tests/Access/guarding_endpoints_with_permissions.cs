using Crm.Write.Access;

namespace Crm.Host.Tests.Access;

public sealed class guarding_endpoints_with_permissions(AccessFixture org) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task nobody_signed_in_is_a_401()
    {
        await org.As(null, s =>
        {
            s.Post.Url("/probe/customers");
            s.ProblemShouldBe(401, code: "not_signed_in");
        });
    }

    [Fact]
    public async Task a_caller_without_the_permission_is_a_403_naming_it()
    {
        var user = await org.UserAsync(roles: await org.RoleAsync(DataScope.All, "customer.list"));

        var refused = await org.As(user, s =>
        {
            s.Post.Url("/probe/customers");
            s.ProblemShouldBe(403);
        });

        var problem = refused.Json();
        Assert.Equal(("permission_denied", "customer.create"), (problem.GetProperty("code").GetString(), problem.GetProperty("permission").GetString()));
    }

    [Fact]
    public async Task a_caller_whose_role_grants_it_passes_and_a_disabled_one_does_not()
    {
        var user = await org.UserAsync(roles: await org.RoleAsync(DataScope.Self, "customer.create"));
        await org.As(user, s => s.Post.Url("/probe/customers"));

        await org.AppendAsync(user, "user", new Events.Org.UserDisabled(user));

        await org.As(user, s =>
        {
            s.Post.Url("/probe/customers");
            s.ProblemShouldBe(403);
        });
    }

    [Fact]
    public async Task a_record_outside_the_callers_data_scope_is_a_404_and_one_inside_a_200()
    {
        var sales = await org.DepartmentAsync();
        var role = await org.RoleAsync(DataScope.Department, "customer.detail");
        var caller = await org.UserAsync(sales, roles: role);
        var colleague = await org.UserAsync(sales);
        var stranger = await org.UserAsync(await org.DepartmentAsync());

        await org.As(caller, s => s.Get.Url($"/probe/customers/{colleague}"));
        await org.As(caller, s =>
        {
            s.Get.Url($"/probe/customers/{stranger}");
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task a_role_edit_takes_effect_on_the_next_request()
    {
        var role = await org.RoleAsync(DataScope.Self, "customer.list");
        var user = await org.UserAsync(roles: role);
        await org.As(user, s =>
        {
            s.Post.Url("/probe/customers");
            s.ProblemShouldBe(403);
        });

        await org.AppendAsync(role, "role", new Events.Org.RolePermissionsChanged(role, ["customer.create", "customer.list"], ["customer.list"], ["customer.create"], []));

        await org.As(user, s => s.Post.Url("/probe/customers"));
    }
}

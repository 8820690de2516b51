using Crm.Write.Customers;

namespace Crm.Write.Tests.Customers;

public sealed class importing_customers
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();

    private static ImportRowResult Parse(params (string Header, string? Text)[] cells) =>
        CustomerImportRow.Parse(7, cells.ToDictionary(c => c.Header, c => c.Text), Id, Owner);

    [Fact]
    public void a_good_row_becomes_a_create_command()
    {
        var result = Parse(("Name", "Acme"), ("Phone", "010-1234567"), ("Email", "a@acme.example"), ("Tags", "vip; key|north"));
        Assert.True(result.Succeeded);
        Assert.Equal((Id, Owner, "Acme"), (result.Command!.CustomerId, result.Command.OwnerId, result.Command.Fields.Name));
        Assert.Equal(["vip", "key", "north"], result.Command.Fields.Tags!);
    }

    [Fact]
    public void chinese_headers_are_understood()
    {
        var result = Parse(("客户名称", "上海某公司"), ("客户级别", "A"), ("邮箱", "x@y.cn"));
        Assert.True(result.Succeeded);
        Assert.Equal("A", result.Command!.Fields.Level);
    }

    [Fact]
    public void a_bad_row_reports_every_field_at_fault()
    {
        var result = Parse(("name", ""), ("email", "nope"), ("phone", "abc"), ("website", "::"));
        Assert.False(result.Succeeded);
        Assert.Equal(7, result.RowNumber);
        Assert.Equal(["email", "name", "phone", "website"], result.Errors.Select(e => e.Field).Order());
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void an_unknown_column_is_reported_by_its_header()
    {
        var result = Parse(("name", "Acme"), ("Favourite colour", "blue"));
        Assert.Equal("Favourite colour", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void two_columns_for_one_field_are_reported()
    {
        var result = Parse(("name", "Acme"), ("电话", "010-1234567"), ("phone", "021-7654321"));
        Assert.Equal(("phone", "duplicate_column"), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public void an_accepted_row_still_goes_through_the_decider()
    {
        var result = Parse(("name", "Acme"));
        var decision = Customer.Decide(result.Command!, CustomerState.None, new CommandContext(Owner, DateTimeOffset.UnixEpoch));
        Assert.Null(decision.Error);
    }
}

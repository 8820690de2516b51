using Crm.Write.Customers;

namespace Crm.Write.Tests.Customers;

public sealed class import_cells_and_formulas
{
    [Theory]
    [InlineData("name", "=HYPERLINK(\"http://evil.example\")")]
    [InlineData("name", "+SUM(1)")]
    [InlineData("remark", "-2+3")]
    [InlineData("remark", "@cmd")]
    [InlineData("address", "\tTabbed")]
    [InlineData("address", "\rReturned")]
    [InlineData("remark", "   =1+1")]
    [InlineData("phone", "=1+1")]
    [InlineData("phone", "+cmd|' /C calc'!A0")]
    public void a_cell_a_spreadsheet_would_run_is_refused_by_field(string field, string cell)
    {
        var fault = CustomerImportCells.Check(field, cell);
        Assert.Equal((field, CustomerImportCells.FormulaCode), (fault?.Field, fault?.Code));
    }

    [Theory]
    [InlineData("phone", "+86 138 0000 0000")]
    [InlineData("phone", "-010-1234-5678")]
    [InlineData("phone", "(010) 1234.5678")]
    [InlineData("name", "'=1+1")]
    [InlineData("name", "Acme = best")]
    [InlineData("remark", "")]
    [InlineData("remark", null)]
    public void data_and_quoted_text_pass(string field, string? cell) => Assert.Null(CustomerImportCells.Check(field, cell));

    [Fact]
    public void a_nul_is_refused_and_a_row_names_every_formula_field()
    {
        Assert.Equal("text_invalid", CustomerImportCells.Check("name", "a\0b")?.Code);
        var row = CustomerImportRow.Parse(3, new Dictionary<string, string?> { ["name"] = "@x", ["tags"] = "vip;=y", ["phone"] = "+86 10 1234 5678" },
            Guid.CreateVersion7(), Guid.CreateVersion7());
        Assert.Equal(["name", "tags"], row.Errors.Where(e => e.Code == CustomerImportCells.FormulaCode).Select(e => e.Field).ToArray());
    }
}

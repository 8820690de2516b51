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

    [Theory]
    [InlineData("'+86 138 0000 0000", "+86 138 0000 0000")]
    [InlineData("'=SUM(A1)", "=SUM(A1)")]
    [InlineData("'-abc", "-abc")]
    [InlineData("''=x", "''=x")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("plain", "plain")]
    public void one_quote_before_a_formula_character_marks_text_and_is_dropped(string cell, string stored) =>
        Assert.Equal(stored, CustomerImportCells.Unquote(cell));

    [Fact]
    public void a_row_stores_quoted_cells_and_tags_without_their_quote()
    {
        var row = CustomerImportRow.Parse(1, new Dictionary<string, string?> { ["name"] = "'-abc", ["phone"] = "'+86 10 1234 5678", ["tags"] = "'-x;vip;'@y" },
            Guid.CreateVersion7(), Guid.CreateVersion7());
        Assert.Empty(row.Errors);
        Assert.Equal(("-abc", "+86 10 1234 5678"), (row.Command!.Fields.Name, row.Command.Fields.Phone));
        Assert.Equal(["-x", "vip", "@y"], row.Command.Fields.Tags!);
    }
}

using Crm.Projections.Customers;

namespace Crm.Projections.Tests.Customers;

/// <summary>The one normaliser of duplicate keys (pure: no database).</summary>
public sealed class duplicate_keys
{
    [Theory]
    [InlineData("  Acme Ltd ", "acme ltd")]
    [InlineData("ACME", "acme")]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("[erased]", null)] // erased records are not one another's duplicates
    public void names_are_trimmed_and_lower_cased_and_blank_is_no_key(string? name, string? key) => Assert.Equal(key, DuplicateKeys.Name(name));

    [Theory]
    [InlineData(" Li@Example.COM ", "li@example.com")]
    [InlineData(" ", null)]
    [InlineData(null, null)]
    [InlineData(" [erased] ", null)]
    public void e_mails_are_trimmed_and_lower_cased(string? email, string? key) => Assert.Equal(key, DuplicateKeys.Email(email));

    [Theory]
    [InlineData("+86 138-0000-0000", "8613800000000")]
    [InlineData("(010) 1234 5678", "01012345678")]
    [InlineData("12.345", "12345")]
    [InlineData("1234", null)]
    [InlineData("+-() .", null)]
    [InlineData(null, null)]
    public void a_phone_is_its_digits_and_matches_only_from_five_digits(string? phone, string? key) => Assert.Equal(key, DuplicateKeys.Phone(phone));

    [Fact]
    public void two_spellings_of_one_phone_give_one_key() =>
        Assert.Equal(DuplicateKeys.Phone("+86 138 0000 0000"), DuplicateKeys.Phone("86-138-0000-0000"));
}

namespace Crm.Projections.Customers;

/// <summary>
/// The one normal form of the values the duplicate check (CUS-9) compares, for the search, the
/// create's locks and the importer alike: names and e-mails trimmed and lower-cased; a phone as its
/// digits, matched only from five digits on (the fewest a valid phone has), so "+86 138-0000" and
/// "86138 0000" are one phone. The SQL side compares lower(name), lower(email) and
/// regexp_replace(phone, '\D', '', 'g'), the expressions migration 0020 indexes. An erased value ("[erased]") is no key: erased
/// records would otherwise all be one another's duplicates, and a new record sent with the marker theirs.
/// </summary>
public static class DuplicateKeys
{
    public const int MinPhoneDigits = 5;

    /// <summary>A name (or a lead's company) as compared; null when blank.</summary>
    public static string? Name(string? name) => string.IsNullOrWhiteSpace(name) || Erased(name) ? null : name.Trim().ToLowerInvariant();

    /// <summary>An e-mail as compared; null when blank.</summary>
    public static string? Email(string? email) => string.IsNullOrWhiteSpace(email) || Erased(email) ? null : email.Trim().ToLowerInvariant();

    private static bool Erased(string value) => value.Trim() == Crm.Events.PersonalData.Erased;

    /// <summary>A phone's digits; null when it has fewer than <see cref="MinPhoneDigits"/>.</summary>
    public static string? Phone(string? phone)
    {
        if (phone is null) return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= MinPhoneDigits ? digits : null;
    }
}

using System.Text.RegularExpressions;

namespace Crm.Write.Org;

/// <summary>The input rules for a user's fields, shared by the decider and the host (which checks passwords before hashing).</summary>
public static partial class UserRules
{
    public const int MinMobileLength = 6;
    public const int MaxMobileLength = 20;
    public const int MaxDisplayNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxRoles = 50;
    public const string DefaultGender = "unspecified";

    public static IReadOnlyList<string> Genders { get; } = ["unspecified", "male", "female"];

    public static DomainError? Mobile(string? mobile, string field = "mobile")
    {
        if (string.IsNullOrWhiteSpace(mobile)) return DomainError.Invalid(field, "mobile_required", "A user needs a mobile number: it is the sign-in name.");
        var value = mobile.Trim();
        if (value.Length is < MinMobileLength or > MaxMobileLength || !MobilePattern().IsMatch(value))
            return DomainError.Invalid(field, "mobile_invalid",
                $"A mobile number is {MinMobileLength} to {MaxMobileLength} characters: digits, with an optional leading +.");
        return null;
    }

    public static DomainError? DisplayName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return DomainError.Invalid("displayName", "display_name_required", "A user needs a display name.");
        if (name.Trim().Length > MaxDisplayNameLength)
            return DomainError.Invalid("displayName", "display_name_too_long", $"A display name has at most {MaxDisplayNameLength} characters.");
        return null;
    }

    public static DomainError? Gender(string? gender) => gender is null || Genders.Contains(gender)
        ? null
        : DomainError.Invalid("gender", "gender_invalid", "Gender is one of: unspecified, male, female.");

    /// <summary>Null or empty means "no email"; anything else must look like one address.</summary>
    public static DomainError? Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var value = email.Trim();
        if (value.Length > MaxEmailLength) return DomainError.Invalid("email", "email_too_long", $"An email address has at most {MaxEmailLength} characters.");
        return EmailPattern().IsMatch(value) ? null : DomainError.Invalid("email", "email_invalid", "This is not an email address (name@example.com).");
    }

    /// <summary>
    /// A user's time zone, checked exactly as a calendar event's (<see cref="Crm.Projections.Calendar.CalendarZones"/>): an IANA id of the
    /// tz database NodaTime ships; null or blank means the default, UTC.
    /// </summary>
    public static DomainError? TimeZone(string? zone, string field = "timeZone") => Crm.Projections.Calendar.CalendarZones.IsKnown(NormalTimeZone(zone))
        ? null
        : DomainError.Invalid(field, "time_zone_invalid", "timeZone is an IANA time zone id, e.g. Europe/Berlin or Asia/Shanghai.");

    /// <summary>The zone as stored: trimmed; null or blank is UTC.</summary>
    public static string NormalTimeZone(string? zone) =>
        string.IsNullOrWhiteSpace(zone) ? Crm.Projections.Calendar.CalendarZones.Default : zone.Trim();

    public static DomainError? Password(string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password)) return DomainError.Invalid(field, "password_required", "A password is required.");
        if (password.Length < MinPasswordLength) return DomainError.Invalid(field, "password_too_short",
            $"A password has at least {MinPasswordLength} characters.");
        if (password.Length > MaxPasswordLength) return DomainError.Invalid(field, "password_too_long",
            $"A password has at most {MaxPasswordLength} characters.");
        return null;
    }

    public static DomainError? RoleIds(IReadOnlyList<Guid>? roleIds)
    {
        if (roleIds is null) return null;
        if (roleIds.Count > MaxRoles) return DomainError.Invalid("roleIds", "too_many_roles", $"A user holds at most {MaxRoles} roles.");
        return roleIds.Contains(Guid.Empty) ? DomainError.Invalid("roleIds", "role_id_invalid", "A role id cannot be the empty UUID.") : null;
    }

    public static string? NormalEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    [GeneratedRegex(@"^\+?[0-9]+$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$")]
    private static partial Regex EmailPattern();
}

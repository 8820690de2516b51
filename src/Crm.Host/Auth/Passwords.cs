using Microsoft.AspNetCore.Identity;

namespace Crm.Host.Auth;

/// <summary>
/// Password hashing with ASP.NET Core Identity's PasswordHasher (PBKDF2, versioned format). Only the
/// hasher is used: users, stores and sign-in live in our own event streams.
/// </summary>
public sealed class Passwords
{
    private readonly IPasswordHasher<object> hasher;

    // Verified when the mobile number is unknown, so a miss costs as much time as a wrong password.
    private readonly string dummyHash;

    public Passwords() : this(new PasswordHasher<object>())
    {
    }

    /// <summary>With a given hasher: the sign-in tests watch which hashes a sign-in verifies.</summary>
    public Passwords(IPasswordHasher<object> hasher)
    {
        this.hasher = hasher;
        dummyHash = hasher.HashPassword(this, Guid.NewGuid().ToString());
    }

    public string Hash(string password) => hasher.HashPassword(this, password);

    /// <summary>Checks a password; a null hash (unknown user) is checked against a dummy and always fails.</summary>
    public bool Verify(string? hash, string password)
    {
        var result = hasher.VerifyHashedPassword(this, hash ?? dummyHash, password);
        return hash is not null && result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
    }
}

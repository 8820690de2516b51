namespace Crm.Write;

/// <summary>How a refused command reads to a client; the host maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The input itself is wrong (400).</summary>
    Validation,

    /// <summary>The record does not exist, or is hidden from the caller (404).</summary>
    NotFound,

    /// <summary>A business rule refuses the change in the record's current state (409).</summary>
    Conflict,

    /// <summary>The input is well-formed but refers to something that cannot be used (422).</summary>
    Unprocessable,

    /// <summary>The client's If-Match version is not the record's version any more (412).</summary>
    Stale,

    /// <summary>The caller reaches the record but may not do this to it, e.g. a read-only team member editing (403).</summary>
    Forbidden,
}

/// <summary>
/// A business rule's refusal, as a value: deciders return it instead of throwing, so a refusal is
/// never mistaken for a fault and never surfaces as a 500.
/// </summary>
/// <param name="Code">Stable, machine-readable reason (snake_case); clients branch on it.</param>
/// <param name="Field">The request field at fault, when one is.</param>
public sealed record DomainError(string Code, string Message, ErrorKind Kind, string? Field = null)
{
    /// <summary>Every field at fault when one validation refuses several at once (the first is also <see cref="Field"/>).</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>Machine-readable extras (e.g. duplicate candidates) the host adds to the problem details.</summary>
    public IReadOnlyDictionary<string, object> Extensions { get; init; } = new Dictionary<string, object>();

    /// <summary>A validation refusal naming every field at fault; null when there is none.</summary>
    public static DomainError? Invalid(IReadOnlyList<FieldError> errors) => errors.Count == 0 ? null
        : new DomainError(errors[0].Code,
            errors.Count == 1 ? errors[0].Message : $"{errors.Count} fields are invalid: {string.Join(", ", errors.Select(e => e.Field).Distinct())}.",
            ErrorKind.Validation, errors[0].Field) { Errors = errors };

    public static DomainError Invalid(string field, string code, string message) => new(code, message, ErrorKind.Validation, field);
    public static DomainError NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);
    public static DomainError Conflict(string code, string message, string? field = null) => new(code, message, ErrorKind.Conflict, field);
    public static DomainError Unprocessable(string field, string code, string message) => new(code, message, ErrorKind.Unprocessable, field);
    public static DomainError Forbidden(string code, string message, string? field = null) => new(code, message, ErrorKind.Forbidden, field);
}

/// <summary>One field's fault in a validation refusal.</summary>
public sealed record FieldError(string Field, string Code, string Message);

using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Platform;

/// <summary>The one mapping from domain refusals to HTTP: status by kind, the code and field always named.</summary>
public static class DomainProblems
{
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Stale => StatusCodes.Status412PreconditionFailed,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "The request is not valid.",
        ErrorKind.NotFound => "The record was not found.",
        ErrorKind.Conflict => "The change conflicts with the record's current state.",
        ErrorKind.Unprocessable => "The request cannot be processed.",
        ErrorKind.Stale => "The record has changed since you read it.",
        ErrorKind.Forbidden => "The operation is not permitted.",
        _ => "The request was refused.",
    };

    public static ProblemHttpResult ToProblem(this DomainError error)
    {
        var status = StatusOf(error.Kind);
        // Every field at fault (a validation may refuse several at once), grouped by field.
        var errors = error.Errors.Count > 0
            ? error.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())
            : error.Field is null ? null : new Dictionary<string, string[]> { [error.Field] = [error.Message] };
        var problem = errors is null ? new Microsoft.AspNetCore.Mvc.ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = TitleOf(error.Kind);
        problem.Detail = error.Message;
        problem.Extensions["code"] = error.Code;
        // Machine-readable extras, e.g. the candidates of a suspected duplicate.
        foreach (var (key, value) in error.Extensions) problem.Extensions[key] = value;
        return TypedResults.Problem(problem);
    }

    /// <summary>A refusal of one input field, found before any command ran (headers, query parameters).</summary>
    public static ProblemHttpResult Invalid(string field, string code, string message) => DomainError.Invalid(field, code, message).ToProblem();
}

namespace Crm.Host.Platform;

/// <summary>
/// One operation's documentation: summary, description, examples and the problems it may answer.
/// Kept in a module's <c>&lt;Module&gt;ApiDocs</c> file so route tables stay one line per route.
/// </summary>
public sealed record ApiDoc(string Summary, string Description)
{
    public string? Request { get; init; }

    public string? Response { get; init; }

    /// <summary>The success status the response example belongs to.</summary>
    public int Status { get; init; } = StatusCodes.Status200OK;

    /// <summary>The problem statuses it may answer besides the ones every operation has; 400 is a validation problem.</summary>
    public int[] Problems { get; init; } = [];
}

public static class ApiDocs
{
    public static RouteHandlerBuilder Documented(this RouteHandlerBuilder builder, ApiDoc doc)
    {
        builder.WithSummary(doc.Summary).WithDescription(doc.Description);
        foreach (var status in doc.Problems)
        {
            if (status == StatusCodes.Status400BadRequest) builder.ProducesValidationProblem();
            else builder.ProducesProblem(status);
        }
        return doc.Request is null && doc.Response is null ? builder : builder.WithExamples(doc.Request, doc.Response, doc.Status);
    }
}

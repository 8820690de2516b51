using System.Text.RegularExpressions;
using Crm.Events;
using Crm.Projections.Integrations;

namespace Crm.Write.Integrations;

/// <summary>One filter condition as sent.</summary>
public sealed record WebhookConditionInput(string? Path, string? EqualTo);

/// <summary>A webhook's settings as sent (null: not sent).</summary>
public sealed partial record WebhookInput(string? Name, string? Url, IReadOnlyList<string?>? EventTypes, IReadOnlyList<WebhookConditionInput?>? Filter)
{
    public const int MaxName = 200;
    public const int MaxEventTypes = 50;
    public const int MaxConditions = 10;
    public const int MaxValue = 500;

    /// <summary>The checked settings (trimmed; null where not sent) or every field at fault.</summary>
    public (WebhookInput? Checked, DomainError? Error) Check(WebhookTargets targets, bool required)
    {
        var errors = new List<FieldError>();
        var name = Name?.Trim();
        if ((required || Name is not null) && (string.IsNullOrEmpty(name) || name.Length > MaxName))
            errors.Add(new("name", "webhook_name_invalid", $"A name of 1 to {MaxName} characters."));
        if ((required || Url is not null) && targets.Check(Url) is { } url)
        {
            if (url.Kind != ErrorKind.Validation) return (null, url);
            errors.Add(new("url", url.Code, url.Message));
        }
        if ((required || EventTypes is not null) && (EventTypes is not { Count: > 0 and <= MaxEventTypes }))
            errors.Add(new("eventTypes", "webhook_event_types_invalid", $"1 to {MaxEventTypes} event types (names, \"module.*\" or \"*\")."));
        for (var i = 0; i < (EventTypes?.Count ?? 0); i++)
        {
            if (!WebhookEventTypes.IsPattern(EventTypes![i]))
                errors.Add(new($"eventTypes[{i}]", "webhook_event_type_unknown", "Not an event type of the feed, \"module.*\" of a module, nor \"*\"."));
        }
        if (Filter is { Count: > MaxConditions })
            errors.Add(new("conditions", "webhook_filter_invalid", $"At most {MaxConditions} conditions."));
        for (var i = 0; i < (Filter?.Count ?? 0); i++)
        {
            var c = Filter![i];
            if (c?.Path is not { Length: > 0 and <= MaxName } path || !PathPattern().IsMatch(path))
                errors.Add(new($"conditions[{i}].path", "webhook_filter_invalid", "A dotted path of the event's data, e.g. \"ownerId\" or \"fields.name\"."));
            else if (c.EqualTo is not { Length: <= MaxValue })
                errors.Add(new($"conditions[{i}].equalTo", "webhook_filter_invalid", $"The value to compare with, at most {MaxValue} characters."));
        }
        if (DomainError.Invalid(errors) is { } invalid) return (null, invalid);
        return (new WebhookInput(name, Url?.Trim(), EventTypes?.Select(t => t!).Distinct().ToList(),
            Filter?.Select(c => new WebhookConditionInput(c!.Path, c.EqualTo)).ToList()), null);
    }

    /// <summary>The event types as the events keep them (null when not sent).</summary>
    public IReadOnlyList<string>? Types => EventTypes?.Select(t => t!).ToList();

    /// <summary>The filter as the events keep it (null when not sent).</summary>
    public IReadOnlyList<WebhookCondition>? Conditions => Filter?.Select(c => new WebhookCondition(c!.Path!, c.EqualTo!)).ToList();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$")]
    private static partial Regex PathPattern();
}

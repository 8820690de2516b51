namespace Crm.Write.Imports;

/// <summary>One CSV row's verdict in an import: the command to run, or every fault found in the row.</summary>
/// <param name="RowNumber">1-based data row number (the header not counted), echoed in the report.</param>
public sealed record ImportRowVerdict<TCommand>(int RowNumber, TCommand? Command, IReadOnlyList<FieldError> Errors) where TCommand : class
{
    public bool Succeeded => Command is not null;

    public static ImportRowVerdict<TCommand> Refused(int rowNumber, FieldError fault) => new(rowNumber, null, [fault]);
}

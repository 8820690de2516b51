namespace Crm.Events;

/// <summary>One fault of one refused import row: the 1-based data row, the field (or column) and why.</summary>
public sealed record ImportRowFailure(int Row, string Field, string Code, string Message);

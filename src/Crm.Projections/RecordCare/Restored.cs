using System.Globalization;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.RecordCare;

/// <summary>How a history shows the cause of a restore (SET-4): the first change of a "restored" entry names the version restored.</summary>
public static class Restored
{
    public static Change Cause(long version) => new("restoredFromVersion", null, version.ToString(CultureInfo.InvariantCulture));
}

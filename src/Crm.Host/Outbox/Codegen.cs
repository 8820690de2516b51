using Wolverine;

namespace Crm.Host.Outbox;

/// <summary>
/// Writing Wolverine's handler adapters (<c>ops/codegen</c>: the host built with <c>-p:CrmCodegen=true</c>, run as
/// <c>codegen write</c>) needs Roslyn; the host as shipped has none and loads the written code (TypeLoadMode.Static).
/// </summary>
internal static class Codegen
{
#if CRM_CODEGEN
    public const bool Writing = true;

    public static void Configure(WolverineOptions opts) => opts.UseRuntimeCompilation();
#else
    public const bool Writing = false;

    public static void Configure(WolverineOptions opts)
    {
    }
#endif
}

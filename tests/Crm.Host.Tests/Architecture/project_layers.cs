using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Crm.Host.Tests.Architecture;

/// <summary>
/// Dependencies point one way (docs/architecture.md): Events ← Projections ← Write ← Host, EventStore ← Projections, Write.
/// Each rule fails naming the type that broke it.
/// </summary>
public sealed class project_layers
{
    private static readonly ArchUnitNET.Domain.Architecture Crm = CrmArchitecture.Loaded;

    [Fact]
    public void the_event_contracts_depend_on_no_other_project() =>
        Types().That().ResideInAssembly(CrmArchitecture.Events).Should()
            .NotDependOnAny(Types().That().ResideInAssembly(CrmArchitecture.EventStore, CrmArchitecture.Projections, CrmArchitecture.Write,
                CrmArchitecture.Host))
            .Check(Crm);

    [Fact]
    public void the_engine_knows_no_crm_project() =>
        Types().That().ResideInAssembly(CrmArchitecture.EventStore).Should()
            .NotDependOnAny(Types().That().ResideInAssembly(CrmArchitecture.Events, CrmArchitecture.Projections, CrmArchitecture.Write,
                CrmArchitecture.Host))
            .Check(Crm);

    [Fact]
    public void the_read_side_never_reaches_the_write_side_or_the_host() =>
        Types().That().ResideInAssembly(CrmArchitecture.Projections).Should()
            .NotDependOnAny(Types().That().ResideInAssembly(CrmArchitecture.Write, CrmArchitecture.Host))
            .Check(Crm);

    [Fact]
    public void the_write_side_never_reaches_the_host_nor_knows_http() =>
        Types().That().ResideInAssembly(CrmArchitecture.Write).Should()
            .NotDependOnAny(Types().That().ResideInAssembly(CrmArchitecture.Host).Or().HaveFullNameStartingWith("Microsoft.AspNetCore."))
            .Check(Crm);
}

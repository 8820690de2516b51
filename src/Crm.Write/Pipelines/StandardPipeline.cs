using Crm.Events;

namespace Crm.Write.Pipelines;

/// <summary>
/// The pipeline every installation starts with (SPEC SAL-2): 初步接触 initial contact 10 %, 需求分析 needs analysis 30 %,
/// 方案报价 quotation 60 %, 谈判审核 negotiation 80 %, 赢单 won 100 %, 输单 lost 0 %. Fixed stage ids, so every installation
/// names the same stages the same way; administrators rename and re-rate them as they like.
/// </summary>
public static class StandardPipeline
{
    public const string Name = "Standard pipeline";

    public static IReadOnlyList<StageInput> Stages { get; } =
    [
        Stage(1, "Initial contact", 10m, StageOutcome.Open),
        Stage(2, "Needs analysis", 30m, StageOutcome.Open),
        Stage(3, "Quotation", 60m, StageOutcome.Open),
        Stage(4, "Negotiation", 80m, StageOutcome.Open),
        Stage(5, "Won", 100m, StageOutcome.Won),
        Stage(6, "Lost", 0m, StageOutcome.Lost),
    ];

    private static StageInput Stage(int n, string name, decimal winRate, string outcome) =>
        new(new Guid($"0190f1c0-0000-7000-8000-0000000001{n:D2}"), name, winRate, outcome);
}

using System.Globalization;
using Concordat.Core.Linkage;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>Prints the model's own accuracy estimate, beside the measured figures when a truth column was given.</summary>
internal static class LinkAccuracyOutput
{
    public static void Print(AccuracyEstimate estimate, ClusterEstimate clusters, LinkageEvaluation? measured)
    {
        var table = new Table().Title("Expected accuracy from the model's probabilities (no truth needed)")
            .AddColumns("Threshold", "Pairs", "Expected false", "Expected precision", "Expected recall");
        if (measured is not null)
        {
            table.AddColumns("Measured precision", "Measured recall");
        }

        foreach (var row in estimate.Thresholds)
        {
            var cells = new List<string>
            {
                Invariant($"p >= {row.Threshold}"),
                Invariant($"{row.Pairs:N0}"),
                Invariant($"{row.ExpectedFalse:N1}"),
                Invariant($"{row.ExpectedPrecision:0.0000}"),
                Invariant($"{row.ExpectedRecall:0.0000}"),
            };
            if (measured is not null)
            {
                var score = measured.ByThreshold.FirstOrDefault(s => s.Threshold == row.Threshold);
                cells.Add(score is null ? "" : Invariant($"{score.Score.Precision:0.0000}"));
                cells.Add(score is null ? "" : Invariant($"{score.RecallOfBlocked:0.0000}"));
            }

            table.AddRow([.. cells.Select(Markup.Escape)]);
        }

        AnsiConsole.Write(table);
        var cut = estimate.CutShortBound > 0 ? Invariant($" (at most {estimate.CutShortBound:N1} of them among pairs not scored in full)") : "";
        AnsiConsole.MarkupLine(Markup.Escape(Invariant($"Expected true matches among the candidate pairs: {estimate.ExpectedCandidateMatches:N1}{cut}; recall is of those, so matches blocking missed are not counted.")));
        var measuredClusters = measured is null ? "" : Invariant($"; measured {measured.Clusters.FalsePositives:N0} false, precision {measured.Clusters.Precision:0.0000}");
        AnsiConsole.MarkupLine(Markup.Escape(Invariant($"Clusters: {clusters.PairsWithinClusters:N0} pairs of records share a cluster; expected false links {clusters.ExpectedFalseLinks:N1} (precision {clusters.ExpectedPrecision:0.0000}){measuredClusters}.")
            + (clusters.ClustersNotWeighed > 0 ? Invariant($" {clusters.ClustersNotWeighed:N0} clusters over {LinkageClusters.MaxRescoredComponent} records were not weighed.") : "")));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Net;
using System.Text;
using Concordat.Core.Linkage;

namespace Concordat.Cli.Commands;

/// <summary>A self-contained HTML report of a linkage run: the weight distribution, each level's weight, accuracy.</summary>
internal static class LinkReport
{
    private const int Width = 720;
    private const int Height = 220;

    public static string Html(LinkageModel model, ScoredPairs pairs, LinkageEvaluation? evaluation, AccuracyEstimate estimate, ClusterEstimate clusters)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Linkage report</title>")
            .Append("<style>body{font-family:Arial,sans-serif;margin:2em;color:#0b0c0c}table{border-collapse:collapse}td,th{border-bottom:1px solid #b1b4b6;padding:4px 10px;text-align:left}td.n{text-align:right}</style></head><body>")
            .Append("<h1>Linkage report</h1>");
        html.Append(Invariant($"<p>{pairs.CandidateCount:N0} candidate pairs. Prior λ = {model.ProbabilityTwoRandomRecordsMatch:G4} ({model.PriorWeight:N2} bits).</p>"));
        html.Append("<h2>Distribution of match weights</h2>").Append(Histogram(pairs.Distribution));
        html.Append("<h2>Weight of each comparison level</h2>").Append(LevelChart(model));
        html.Append("<table><caption>m and u per level</caption><thead><tr><th scope=\"col\">Comparison</th><th scope=\"col\">Level</th><th scope=\"col\">m</th><th scope=\"col\">u</th><th scope=\"col\">Weight (bits)</th></tr></thead><tbody>");
        foreach (var comparison in model.Comparisons)
        {
            foreach (var level in comparison.Levels)
            {
                html.Append(Invariant($"<tr><td>{Encode(comparison.Name)}</td><td>{Encode(level.Label)}</td><td class=\"n\">{level.M:G4}</td><td class=\"n\">{level.U:G4}</td><td class=\"n\">{level.Weight:N2}</td></tr>"));
            }
        }

        html.Append("</tbody></table>");
        if (evaluation is not null)
        {
            html.Append("<h2>Accuracy</h2><table><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Precision</th><th scope=\"col\">Recall</th><th scope=\"col\">F1</th></tr></thead><tbody>");
            Row(html, Invariant($"pairwise at p ≥ {evaluation.Threshold}"), evaluation.AtThreshold);
            Row(html, Invariant($"pairwise at best p ≥ {evaluation.BestThreshold:G6}"), evaluation.AtBestThreshold);
            Row(html, Invariant($"clusters at p ≥ {evaluation.Threshold}"), evaluation.Clusters);
            html.Append("</tbody></table>");
        }

        html.Append("<h2>Expected accuracy (from the model, no truth needed)</h2>")
            .Append("<p>If the match probabilities are right, a pair at probability p is a true match with chance p: the pairs at or above a threshold hold the sum of their probabilities in true matches, the rest are false links.")
            .Append(" Only as good as the model's calibration: people who share much by nature (twins, members of one household) score higher than they should, so read the expected false links as a floor there.")
            .Append(evaluation is null ? "" : " The measured figures beside them come from the truth column.")
            .Append("</p><table><thead><tr><th scope=\"col\">Threshold</th><th scope=\"col\">Pairs</th><th scope=\"col\">Expected false</th><th scope=\"col\">Expected precision</th><th scope=\"col\">Expected recall</th>")
            .Append(evaluation is null ? "" : "<th scope=\"col\">Measured precision</th><th scope=\"col\">Measured recall</th>")
            .Append("</tr></thead><tbody>");
        foreach (var row in estimate.Thresholds)
        {
            html.Append(Invariant($"<tr><td>p ≥ {row.Threshold}</td><td class=\"n\">{row.Pairs:N0}</td><td class=\"n\">{row.ExpectedFalse:N1}</td><td class=\"n\">{row.ExpectedPrecision:0.0000}</td><td class=\"n\">{row.ExpectedRecall:0.0000}</td>"));
            if (evaluation?.ByThreshold.FirstOrDefault(s => s.Threshold == row.Threshold) is { } measured)
            {
                html.Append(Invariant($"<td class=\"n\">{measured.Score.Precision:0.0000}</td><td class=\"n\">{measured.RecallOfBlocked:0.0000}</td>"));
            }
            else if (evaluation is not null)
            {
                html.Append("<td></td><td></td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>")
            .Append(Invariant($"<p>Expected true matches among the candidate pairs: {estimate.ExpectedCandidateMatches:N1}; recall is of those. Clusters: {clusters.PairsWithinClusters:N0} pairs of records share a cluster, expected false links {clusters.ExpectedFalseLinks:N1} (precision {clusters.ExpectedPrecision:0.0000})"))
            .Append(evaluation is null ? "" : Invariant($"; measured {evaluation.Clusters.FalsePositives:N0} (precision {evaluation.Clusters.Precision:0.0000})"))
            .Append(".</p>");

        foreach (var warning in model.Warnings)
        {
            html.Append("<p><strong>Warning:</strong> ").Append(Encode(warning)).Append("</p>");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static void Row(StringBuilder html, string name, PairwiseScore s) =>
        html.Append(Invariant($"<tr><td>{Encode(name)}</td><td class=\"n\">{s.Precision:0.0000}</td><td class=\"n\">{s.Recall:0.0000}</td><td class=\"n\">{s.F1:0.0000}</td></tr>"));

    private static string Histogram(WeightDistribution distribution)
    {
        const int bins = 60;
        var first = -1;
        var last = -1;
        for (var b = 0; b < WeightDistribution.BinCount; b++)
        {
            if (distribution.Counts[b] > 0)
            {
                first = first < 0 ? b : first;
                last = b;
            }
        }

        if (first < 0)
        {
            return "<p>No pairs scored in full.</p>";
        }

        var min = WeightDistribution.LowerEdge(first);
        var max = WeightDistribution.LowerEdge(last + 1);
        var span = Math.Max(1e-9, max - min);
        var counts = new long[bins];
        for (var b = first; b <= last; b++)
        {
            var centre = WeightDistribution.LowerEdge(b) + (WeightDistribution.BinWidth / 2);
            counts[Math.Min(bins - 1, (int)((centre - min) / span * bins))] += distribution.Counts[b];
        }

        // Log scale: non-matches outnumber matches by orders of magnitude.
        var top = Math.Log10(counts.Max() + 1);
        var svg = new StringBuilder(Invariant($"<svg role=\"img\" aria-label=\"Histogram of match weights from {min:N1} to {max:N1} bits\" width=\"{Width}\" height=\"{Height + 30}\" xmlns=\"http://www.w3.org/2000/svg\">"));
        var barWidth = (double)Width / bins;
        for (var b = 0; b < bins; b++)
        {
            var h = counts[b] == 0 ? 0 : Math.Log10(counts[b] + 1) / top * Height;
            var from = min + (span * b / bins);
            svg.Append(Invariant($"<rect x=\"{b * barWidth:0.#}\" y=\"{Height - h:0.#}\" width=\"{barWidth - 1:0.#}\" height=\"{h:0.#}\" fill=\"#1d70b8\"><title>{from:N1} bits: {counts[b]:N0} pairs</title></rect>"));
        }

        svg.Append(Invariant($"<text x=\"0\" y=\"{Height + 20}\">{min:N1} bits</text><text x=\"{Width - 80}\" y=\"{Height + 20}\">{max:N1} bits</text></svg>"));
        var note = distribution.CutShort == 0 ? "" : Invariant($"<p>{distribution.CutShort:N0} further pairs were not scored in full: their weight could not reach {distribution.CutShortWeightBound:N2} bits, the lowest weight the run kept.</p>");
        return svg + note;
    }

    private static string LevelChart(LinkageModel model)
    {
        var rows = model.Comparisons.SelectMany(c => c.Levels.Select(l => (Name: c.Name + ": " + l.Label, l.Weight))).ToList();
        var limit = Math.Max(1, rows.Max(r => Math.Abs(r.Weight)));
        const int rowHeight = 18;
        var mid = Width / 2 + 100;
        var scale = (Width - mid - 10) / limit;
        var svg = new StringBuilder(Invariant($"<svg role=\"img\" aria-label=\"Match weight of each comparison level\" width=\"{Width + 120}\" height=\"{rows.Count * rowHeight + 10}\" xmlns=\"http://www.w3.org/2000/svg\">"));
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, weight) = rows[i];
            var y = i * rowHeight;
            var w = Math.Abs(weight) * scale;
            var x = weight >= 0 ? mid : mid - w;
            svg.Append(Invariant($"<text x=\"0\" y=\"{y + 13}\" font-size=\"12\">{Encode(name)}</text>"))
               .Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y + 2}\" width=\"{w:0.#}\" height=\"{rowHeight - 4}\" fill=\"{(weight >= 0 ? "#00703c" : "#d4351c")}\"><title>{weight:N2} bits</title></rect>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

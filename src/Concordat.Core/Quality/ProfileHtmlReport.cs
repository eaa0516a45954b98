using System.Globalization;
using System.Net;
using System.Text;

namespace Concordat.Core.Quality;

/// <summary>
/// Renders a profile as one self-contained HTML page (inline CSS and SVG charts, no scripts, no external assets):
/// field completeness, validity and score bars, the score trend over earlier profiles, fields in detail and rule
/// results. Every value from the data is HTML-encoded. Pure and thread safe.
/// </summary>
public static class ProfileHtmlReport
{
    private const int ChartWidth = 640;
    private const int BarHeight = 18;
    private const int LabelWidth = 180;

    /// <summary>Renders <paramref name="profile"/> with <paramref name="history"/> (any order; the trend is drawn oldest first).</summary>
    public static string Render(QualityProfile profile, IReadOnlyList<QualityProfile> history)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(history);
        var html = new StringBuilder(32_768);
        var title = $"Quality profile: {profile.DatasetId}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n")
            .Append("<style>\n")
            .Append("body{font-family:Arial,sans-serif;margin:2em;color:#0b0c0c;max-width:1100px}h1,h2{font-weight:700}")
            .Append("table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border-bottom:1px solid #b1b4b6;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}")
            .Append("td.n{text-align:right;font-variant-numeric:tabular-nums}.pass{color:#00703c;font-weight:700}.fail{color:#d4351c;font-weight:700}.warn{color:#f47738;font-weight:700}")
            .Append(".kpi{display:inline-block;margin:0 2em 1em 0}.kpi b{display:block;font-size:28px}code{background:#f3f2f1;padding:0 3px}svg text{font-size:12px;font-family:Arial,sans-serif}")
            .Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n<p>Profile ").Append(profile.Id).Append(", taken ")
            .Append(E(profile.ProfiledAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)))
            .Append(profile.RunId is { } run ? $" after ingest run {run}" : " on demand").Append(", schema version ").Append(profile.SchemaVersion).Append(".</p>\n");
        if (profile.Note is not null)
        {
            html.Append("<p><strong>").Append(E(profile.Note)).Append("</strong></p>\n");
        }

        html.Append("<div>");
        Kpi(html, "Score", profile.Score is { } s ? Num(s) + " / 100" : "n/a");
        Kpi(html, "Records", profile.Rows.ToString("N0", CultureInfo.InvariantCulture));
        Kpi(html, "Completeness", Pct(profile.Completeness));
        Kpi(html, "Duplicate keys", Pct(profile.DuplicateKeyRate));
        Kpi(html, "Newest record age", profile.FreshnessSeconds is { } f ? Age(f) : "n/a");
        html.Append("</div>\n");

        html.Append("<h2>Completeness by field</h2>\n");
        Bars(html, "Completeness by field", profile.Fields.Select(x => (x.Name, x.Completeness)).ToList());
        html.Append("<h2>Validity by field</h2>\n");
        var validity = profile.Fields.Where(x => x.Standard is not null).Select(x => (x.Name + " (" + x.Standard + ")", x.Validity)).ToList();
        if (validity.Count == 0)
        {
            html.Append("<p>No field has a standard to check values against.</p>\n");
        }
        else
        {
            Bars(html, "Validity by field", validity);
        }

        html.Append("<h2>Score over time</h2>\n");
        Trend(html, [.. history.Append(profile).DistinctBy(p => p.Id).OrderBy(p => p.ProfiledAt).ThenBy(p => p.Id)]);

        html.Append("<h2>Fields</h2>\n<table>\n<thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Type</th><th scope=\"col\">Null</th><th scope=\"col\">Blank</th>")
            .Append("<th scope=\"col\">Distinct</th><th scope=\"col\">Min</th><th scope=\"col\">Max</th><th scope=\"col\">Mean</th><th scope=\"col\">Length</th>")
            .Append("<th scope=\"col\">Top values</th><th scope=\"col\">Patterns</th><th scope=\"col\">Outliers</th><th scope=\"col\">Score</th></tr></thead>\n<tbody>\n");
        foreach (var field in profile.Fields)
        {
            html.Append("<tr><td>").Append(E(field.Name)).Append(field.Note is null ? "" : "<br><small>" + E(field.Note) + "</small>")
                .Append("</td><td>").Append(E(field.Type)).Append("</td><td class=\"n\">").Append(Pct(field.NullRate))
                .Append("</td><td class=\"n\">").Append(Pct(field.BlankRate))
                .Append("</td><td class=\"n\">").Append(field.DistinctIsExact ? "" : "~").Append(field.Distinct.ToString("N0", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(E(field.Minimum ?? "")).Append("</td><td>").Append(E(field.Maximum ?? "")).Append("</td><td>").Append(E(field.Mean ?? ""))
                .Append("</td><td>").Append(field.MinLength is null ? "" : $"{field.MinLength}–{field.MaxLength}")
                .Append("</td><td>").Append(field.TopValues is null ? "<em>withheld (personal data)</em>" : Values(field.TopValues))
                .Append("</td><td>").Append(Values(field.Patterns))
                .Append("</td><td class=\"n\">").Append(field.OutlierRate is null ? "" : field.Outliers.ToString("N0", CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\">").Append(field.Score is { } fs ? Num(fs) : "n/a").Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<h2>Rules</h2>\n");
        if (profile.Rules.Count == 0)
        {
            html.Append("<p>The dataset has no quality rules.</p>\n");
        }
        else
        {
            html.Append("<table>\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th><th scope=\"col\">Result</th><th scope=\"col\">Checked</th><th scope=\"col\">Failed</th><th scope=\"col\">Examples</th></tr></thead>\n<tbody>\n");
            foreach (var rule in profile.Rules)
            {
                var css = rule.Status == RuleStatus.Passed ? "pass" : rule.Severity == RuleSeverity.Warn ? "warn" : "fail";
                html.Append("<tr><td><code>").Append(E(rule.Rule)).Append("</code><br><small>").Append(E(rule.Message ?? "")).Append("</small></td><td>")
                    .Append(rule.Severity == RuleSeverity.Fail ? "fail" : "warn").Append("</td><td class=\"").Append(css).Append("\">")
                    .Append(rule.Status.ToString().ToLowerInvariant()).Append("</td><td class=\"n\">").Append(rule.Checked.ToString("N0", CultureInfo.InvariantCulture))
                    .Append("</td><td class=\"n\">").Append(rule.Failed.ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td>");
                foreach (var example in rule.Examples)
                {
                    html.Append("<code>").Append(E(example.Key)).Append("</code>: ").Append(example.Value is null ? "<em>missing</em>" : E(example.Value)).Append("<br>");
                }

                html.Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<p><small>Scores and metrics are explained in docs/quality.md. Counts marked ~ are estimates.</small></p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Kpi(StringBuilder html, string label, string value) =>
        html.Append("<span class=\"kpi\">").Append(E(label)).Append("<b>").Append(E(value)).Append("</b></span>");

    private static void Bars(StringBuilder html, string label, IReadOnlyList<(string Name, double? Rate)> rows)
    {
        var height = (rows.Count * (BarHeight + 6)) + 10;
        var plot = ChartWidth - LabelWidth - 60;
        html.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"{E(label)}\" width=\"{ChartWidth}\" height=\"{height}\" viewBox=\"0 0 {ChartWidth} {height}\">\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, rate) = rows[i];
            var y = 5 + (i * (BarHeight + 6));
            var width = rate is { } r ? Math.Round(r * plot, 1) : 0;
            var colour = rate is null ? "#b1b4b6" : rate >= 0.95 ? "#00703c" : rate >= 0.8 ? "#f47738" : "#d4351c";
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 13}\">{E(Cut(name))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{plot}\" height=\"{BarHeight}\" fill=\"#f3f2f1\"/>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{width}\" height=\"{BarHeight}\" fill=\"{colour}\"><title>{E(name)}: {Pct(rate)}</title></rect>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + plot + 6}\" y=\"{y + 13}\">{Pct(rate)}</text>\n");
        }

        html.Append("</svg>\n");
    }

    private static void Trend(StringBuilder html, IReadOnlyList<QualityProfile> profiles)
    {
        var points = profiles.Where(p => p.Score is not null).ToList();
        if (points.Count < 2)
        {
            html.Append("<p>A trend needs at least two profiles with a score; this dataset has ").Append(points.Count).Append(".</p>\n");
            return;
        }

        const int height = 200;
        const int left = 40;
        const int bottom = 30;
        var plotWidth = ChartWidth - left - 20;
        var plotHeight = height - bottom - 10;
        html.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"Score over time\" width=\"{ChartWidth}\" height=\"{height}\" viewBox=\"0 0 {ChartWidth} {height}\">\n");
        foreach (var tick in new[] { 0, 50, 100 })
        {
            var y = 10 + (plotHeight * (100 - tick) / 100.0);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{left + plotWidth}\" y2=\"{y:0.#}\" stroke=\"#b1b4b6\"/><text x=\"0\" y=\"{y + 4:0.#}\">{tick}</text>\n");
        }

        var path = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var x = left + (plotWidth * i / (double)(points.Count - 1));
            var y = 10 + (plotHeight * (100 - points[i].Score!.Value) / 100.0);
            path.Append(i == 0 ? "M" : " L").Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
            var label = $"Profile {points[i].Id}{(points[i].RunId is { } r ? $" (run {r})" : "")}, {points[i].ProfiledAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}: {Num(points[i].Score!.Value)}";
            html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4\" fill=\"#1d70b8\"><title>{E(label)}</title></circle>\n");
        }

        html.Append("<path d=\"").Append(path).Append("\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"2\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 8}\">{E(points[0].ProfiledAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotWidth - 70}\" y=\"{height - 8}\">{E(points[^1].ProfiledAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}</text>\n</svg>\n");
    }

    private static string Values(IReadOnlyList<ValueCount> values) =>
        string.Join("<br>", values.Take(5).Select(v => $"<code>{E(v.Value)}</code> {(v.MaxOverCount > 0 ? "~" : "")}{v.Count.ToString("N0", CultureInfo.InvariantCulture)}"));

    private static string Cut(string text) => text.Length <= 26 ? text : text[..25] + "…";

    private static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Age(double seconds) => seconds switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
        < 172_800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86_400:0.#} days"),
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

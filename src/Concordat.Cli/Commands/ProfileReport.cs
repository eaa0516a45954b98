using System.Globalization;
using Concordat.Core.Quality;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>Writes a quality profile to the terminal: headline figures, a table of fields with bars, and rule results.</summary>
internal static class ProfileReport
{
    public static void Write(QualityProfile profile)
    {
        var headline = new Grid().AddColumns(new GridColumn(), new GridColumn());
        headline.AddRow("[bold]Dataset[/]", Markup.Escape(profile.DatasetId));
        headline.AddRow("[bold]Profile[/]", $"{profile.Id} ({(profile.RunId is { } run ? $"after run {run}" : "on demand")}, {profile.ProfiledAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)");
        headline.AddRow("[bold]Score[/]", profile.Score is { } score ? $"{Colour(score / 100)}{score.ToString("0.#", CultureInfo.InvariantCulture)}[/] / 100" : "n/a");
        headline.AddRow("[bold]Records[/]", profile.Rows.ToString("N0", CultureInfo.InvariantCulture));
        headline.AddRow("[bold]Completeness[/]", Bar(profile.Completeness));
        headline.AddRow("[bold]Duplicate keys[/]", Pct(profile.DuplicateKeyRate) + " of the latest run's rows");
        headline.AddRow("[bold]Newest record[/]", profile.FreshnessSeconds is { } age ? Age(age) + " old" : "n/a");
        AnsiConsole.Write(new Panel(headline).Header("Quality profile").Expand());
        if (profile.Note is not null)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(profile.Note)}[/]");
        }

        var fields = new Table().Title("Fields").AddColumns("Field", "Type", "Complete", "Valid", "Distinct", "Range", "Top pattern", "Score");
        foreach (var field in profile.Fields)
        {
            var pattern = field.Patterns.Count > 0 ? field.Patterns[0] : null;
            var valid = field.Standard is null ? "[grey]-[/]" : $"{Pct(field.Validity)} {field.Standard}";
            if (field.OutlierRate is not null)
            {
                valid += $"\n{field.Outliers.ToString("N0", CultureInfo.InvariantCulture)} outliers";
            }

            fields.AddRow(
                Markup.Escape(field.Name) + (field.Note is null ? "" : $"\n[grey]{Markup.Escape(field.Note)}[/]"),
                field.Type,
                Bar(field.Completeness),
                valid,
                (field.DistinctIsExact ? "" : "~") + field.Distinct.ToString("N0", CultureInfo.InvariantCulture),
                field.Minimum is null ? "" : Markup.Escape($"{field.Minimum} .. {field.Maximum}"),
                pattern is null ? "" : $"{Markup.Escape(pattern.Value)} ({Pct((double)pattern.Count / Math.Max(1, field.Rows - field.Nulls - field.Blanks))})",
                field.Score is { } s ? $"{Colour(s / 100)}{s.ToString("0.#", CultureInfo.InvariantCulture)}[/]" : "n/a");
        }

        AnsiConsole.Write(fields);
        if (profile.Rules.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No quality rules are set for this dataset (concordat quality rules set DATASET FILE).[/]");
            return;
        }

        var rules = new Table().Title("Rules").AddColumns("Rule", "Severity", "Result", "Checked", "Failed", "Examples");
        foreach (var rule in profile.Rules)
        {
            var result = rule.Status switch
            {
                RuleStatus.Passed => "[green]passed[/]",
                RuleStatus.Failed when rule.Severity == RuleSeverity.Warn => "[yellow]failed[/]",
                RuleStatus.Failed => "[red]failed[/]",
                _ => "[red]error[/]",
            };
            var examples = string.Join("\n", rule.Examples.Select(e => $"{Markup.Escape(e.Key)}: {Markup.Escape(e.Value ?? "(missing)")}"));
            rules.AddRow(
                Markup.Escape(rule.Rule) + (rule.Status == RuleStatus.Passed ? "" : $"\n[grey]{Markup.Escape(rule.Message ?? "")}[/]"),
                rule.Severity == RuleSeverity.Fail ? "fail" : "warn",
                result,
                rule.Checked.ToString("N0", CultureInfo.InvariantCulture),
                rule.Failed.ToString("N0", CultureInfo.InvariantCulture),
                examples);
        }

        AnsiConsole.Write(rules);
    }

    private static string Bar(double? rate)
    {
        if (rate is not { } r)
        {
            return "[grey]n/a[/]";
        }

        const int width = 8;
        var filled = (int)Math.Round(r * width);
        return $"{Colour(r)}{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/] {Pct(r)}";
    }

    private static string Age(double seconds) => seconds switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
        < 172_800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86_400:0.#} days"),
    };

    private static string Colour(double rate) => rate >= 0.95 ? "[green]" : rate >= 0.8 ? "[yellow]" : "[red]";

    private static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";
}

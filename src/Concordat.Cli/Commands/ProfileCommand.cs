using System.CommandLine;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Quality;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>concordat profile DATASET</c>: profiles the dataset now, stores the profile, prints it and writes
/// <c>DATASET.profile.json</c> and a self-contained <c>DATASET.profile.html</c>. Exits 1 when a rule of severity
/// fail failed.
/// </summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset id." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the JSON and HTML reports (default: the current directory).", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var existing = new Option<long?>("--id") { Description = "Show a stored profile instead of taking a new one." };
        var quiet = new Option<bool>("--no-files") { Description = "Only print the report; write no JSON or HTML file." };
        var command = new Command("profile", "Profile a dataset's quality: terminal report plus JSON and HTML files.") { dataset, output, existing, quiet };
        command.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var datasetId = parse.GetValue(dataset)!;
            QualityProfile profile;
            if (parse.GetValue(existing) is { } id)
            {
                var stored = await context.QualityStore.GetProfileAsync(datasetId, id, ct);
                if (stored is null)
                {
                    return CliOutput.Fail(Error.NotFound("profile.not_found", $"Dataset '{datasetId}' has no profile {id}."));
                }

                profile = stored;
            }
            else
            {
                var taken = await AnsiConsole.Status().StartAsync(
                    $"Profiling {Markup.Escape(datasetId)}...",
                    _ => context.Quality.ProfileAsync(datasetId, ProfileTrigger.OnDemand, null, ct));
                if (!taken.IsSuccess)
                {
                    return CliOutput.Fail(taken.Errors);
                }

                profile = taken.Value;
            }

            ProfileReport.Write(profile);
            if (!parse.GetValue(quiet))
            {
                var directory = parse.GetValue(output)!;
                directory.Create();
                var history = await context.QualityStore.ListProfilesAsync(datasetId, 100, ct);
                var json = Path.Combine(directory.FullName, datasetId + ".profile.json");
                var html = Path.Combine(directory.FullName, datasetId + ".profile.html");
                await File.WriteAllTextAsync(json, JsonSerializer.Serialize(profile, ConcordatJson.Indented), ct);
                await File.WriteAllTextAsync(html, ProfileHtmlReport.Render(profile, history), ct);
                CliOutput.Done($"Wrote {json} and {html}.");
            }

            return profile.HasFailures ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }
}

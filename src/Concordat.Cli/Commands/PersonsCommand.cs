using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Linkage;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>concordat persons</c>: resolve the hub's datasets into person entities with golden records, and work the
/// clerical review queue (<c>resolve</c>, <c>list</c>, <c>show</c>, <c>review</c>, <c>decide</c>).
/// </summary>
internal static class PersonsCommand
{

    public static Command Create() => new("persons", "Person entities resolved across datasets, golden records and the clerical review queue.")
    {
        CreateResolve(), CreateList(), CreateShow(), CreateReview(), CreateDecide(), PersonsMatchCommand.Create(),
    };

    private static Command CreateResolve()
    {
        var datasets = new Argument<string[]>("datasets") { Description = "Datasets to resolve (their current records).", Arity = ArgumentArity.OneOrMore };
        var settingsOption = new Option<FileInfo>("--settings", "-s") { Description = "Linkage settings (JSON); column names are dataset field names.", Required = true };
        var modelOption = new Option<FileInfo?>("--model", "-m") { Description = "A trained model; without it one is trained on the records (keep it for stable results)." };
        var modelOut = new Option<FileInfo?>("--model-out") { Description = "Where to save the model trained in this run." };
        var threshold = new Option<double>("--threshold", "-t") { Description = "Match probability at or above which records become one person.", DefaultValueFactory = _ => 0.9 };
        var reviewFrom = new Option<double>("--review-from") { Description = "Match probability from which pairs below the threshold go to review.", DefaultValueFactory = _ => 0.5 };
        var incremental = new Option<bool>("--incremental") { Description = "Only link records not yet linked, against existing persons (never splits a person)." };
        var maxReview = new Option<string>("--max-review")
        {
            Description = "Most pairs queued for review in this run, the most uncertain first, or all (default 10000).",
            DefaultValueFactory = _ => ResolveOptions.DefaultMaxReviewItems.ToString(CultureInfo.InvariantCulture),
        };
        var command = new Command("resolve", "Link the datasets' records into persons with stable ids and golden records; queue uncertain pairs for review.")
        {
            datasets, settingsOption, modelOption, modelOut, threshold, reviewFrom, incremental, maxReview,
        };
        command.SetAction(async (parse, ct) =>
        {
            int? reviewCap = null;
            if (parse.GetValue(maxReview) is var capText && !string.Equals(capText, "all", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(capText, NumberStyles.None, CultureInfo.InvariantCulture, out var cap))
                {
                    return CliOutput.Invalid($"--max-review is a number of pairs, 0 or more, or all; not '{capText}'.");
                }

                reviewCap = cap;
            }

            var settings = LinkFiles.ReadSettings(parse.GetValue(settingsOption)!);
            if (!settings.IsSuccess)
            {
                return CliOutput.Fail(settings.Errors);
            }

            var context = CliContext.Open(parse);
            var records = new List<HubRecord>();
            foreach (var datasetId in parse.GetValue(datasets)!)
            {
                if (await context.Catalogue.GetDatasetAsync(datasetId, ct) is null)
                {
                    return CliOutput.Fail(Error.NotFound("dataset.not_found", $"No dataset '{datasetId}'."));
                }

                string? after = null;
                while (true)
                {
                    var page = await context.Records.ListRecordsAsync(datasetId, after, 1000, ct);
                    records.AddRange(page.Where(v => !v.IsDeleted).Select(v => new HubRecord(new RecordRef(datasetId, v.Key), v.RecordedAt, Fields(v.PayloadJson))));
                    if (page.Count < 1000)
                    {
                        break;
                    }

                    after = page[^1].Key;
                }
            }

            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Read {records.Count:N0} current records."));
            LinkageModel model;
            if (parse.GetValue(modelOption) is { } modelFile)
            {
                var read = LinkFiles.ReadModel(modelFile);
                if (!read.IsSuccess)
                {
                    return CliOutput.Fail(read.Errors);
                }

                model = read.Value;
            }
            else
            {
                var data = HubData(settings.Value, records, ct);
                if (!data.IsSuccess)
                {
                    return CliOutput.Fail(data.Errors);
                }

                var trained = new LinkageEngine(settings.Value).Train(data.Value, null, ct);
                if (!trained.IsSuccess)
                {
                    return CliOutput.Fail(trained.Errors);
                }

                model = trained.Value;
                if (parse.GetValue(modelOut) is { } output)
                {
                    File.WriteAllText(output.FullName, model.ToJson() + "\n");
                }
            }

            var store = context.Persons;
            var options = new ResolveOptions
            {
                Threshold = parse.GetValue(threshold),
                ReviewFrom = parse.GetValue(reviewFrom),
                Incremental = parse.GetValue(incremental),
                MaxReviewItems = reviewCap,
            };
            var resolved = PersonResolver.Resolve(settings.Value, model, records, await store.GetLinksAsync(ct), await store.GetDecisionsAsync(ct), options, ct);
            if (!resolved.IsSuccess)
            {
                return CliOutput.Fail(resolved.Errors);
            }

            var resolution = resolved.Value;
            await store.SaveAsync(resolution, DateTimeOffset.UtcNow, ct);
            CliOutput.Done(string.Create(CultureInfo.InvariantCulture,
                $"{resolution.Persons.Count:N0} persons written ({resolution.NewPersons:N0} new), {resolution.NewlyLinkedRecords:N0} records linked for the first time, {resolution.PairsScored:N0} pairs scored, {resolution.ReviewQueue.Count:N0} pairs queued for review."));
            if (resolution.ReviewPairsInBand > resolution.ReviewQueue.Count)
            {
                // The cap is an option, and what it left out is said, never dropped silently (issue 14.5).
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warning: {resolution.ReviewPairsInBand:N0} undecided pairs are in the review band; only the {resolution.ReviewQueue.Count:N0} most uncertain were queued (--max-review {reviewCap}). Queue more with --max-review N, or every one with --max-review all."));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList()
    {
        var after = new Option<string?>("--after") { Description = "List persons after this id (the id the previous listing ended at)." };
        var limit = new Option<int>("--limit") { Description = "How many persons (any number; see --all).", DefaultValueFactory = _ => 20 };
        var all = new Option<bool>("--all") { Description = "List every person." };
        var command = new Command("list", "List persons with their golden records.") { after, limit, all };
        command.SetAction(async (parse, ct) =>
        {
            int? most = parse.GetValue(all) ? null : parse.GetValue(limit);
            if (most < 1)
            {
                return CliOutput.Invalid("--limit must be 1 or more (or list every person with --all).");
            }

            var store = CliContext.Open(parse).Persons;
            var (shown, cursor, more) = await CliPaging.PageAsync(
                (cursor, want) => store.ListPersonsAsync(cursor, want, ct),
                parse.GetValue(after),
                person => person.PersonId,
                most,
                persons =>
                {
                    var table = new Table().AddColumns("Person", "Records", "Golden record");
                    foreach (var person in persons)
                    {
                        table.AddRow(Markup.Escape(person.PersonId), person.Records.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", person.Golden.Where(g => g.Value is not null).Select(g => $"{g.Key}={g.Value}"))));
                    }

                    AnsiConsole.Write(table);
                });
            if (more)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{CliPaging.Count(shown, "person")} shown; more follow. Continue with --after {cursor}, or list every person with --all."));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var id = new Argument<string>("person") { Description = "Person id." };
        var command = new Command("show", "Show a person: golden record with the source of each value, and its records.") { id };
        command.SetAction(async (parse, ct) =>
        {
            var store = CliContext.Open(parse).Persons;
            var person = await store.GetPersonAsync(parse.GetValue(id)!, ct);
            if (person is null)
            {
                return CliOutput.Fail(Error.NotFound("person.not_found", $"No person '{parse.GetValue(id)}'."));
            }

            var table = new Table().Title(Markup.Escape(person.PersonId)).AddColumns("Field", "Golden value", "From record");
            foreach (var (field, value) in person.Golden)
            {
                table.AddRow(Markup.Escape(field), Markup.Escape(value ?? ""), person.GoldenSources.TryGetValue(field, out var from) ? Markup.Escape(from.ToString()) : "");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("Records: " + Markup.Escape(string.Join(", ", person.Records)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateReview()
    {
        var status = new Option<ReviewStatus>("--status") { Description = "pending, accepted or rejected.", DefaultValueFactory = _ => ReviewStatus.Pending };
        var limit = new Option<int>("--limit") { Description = "How many items (any number; see --all).", DefaultValueFactory = _ => 20 };
        var all = new Option<bool>("--all") { Description = "List every item with the status." };
        var after = new Option<long>("--after") { Description = "List items after this id (the id the previous listing ended at)." };
        var json = new Option<bool>("--json") { Description = "Print items with their explanations as one JSON array." };
        var command = new Command("review", "List the clerical review queue: pairs in the uncertain band, oldest first.") { status, limit, all, after, json };
        command.SetAction(async (parse, ct) =>
        {
            int? most = parse.GetValue(all) ? null : parse.GetValue(limit);
            if (most < 1)
            {
                return CliOutput.Invalid("--limit must be 1 or more (or list every item with --all).");
            }

            var store = CliContext.Open(parse).Persons;
            var asJson = parse.GetValue(json);
            using var output = asJson ? Console.OpenStandardOutput() : null;
            using var writer = output is null ? null : new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = ConcordatJson.Indented.Encoder });
            writer?.WriteStartArray();
            var (shown, cursor, more) = await CliPaging.PageAsync(
                (cursor, want) => store.ListReviewsAsync(parse.GetValue(status), cursor, want, ct),
                parse.GetValue(after),
                item => item.Id,
                most,
                items =>
                {
                    if (writer is not null)
                    {
                        foreach (var item in items)
                        {
                            JsonSerializer.Serialize(writer, item, ConcordatJson.Indented);
                        }

                        writer.Flush();
                        return;
                    }

                    var table = new Table().AddColumns("Id", "Left", "Right", "Probability", "Weight", "Status", "Decided by");
                    foreach (var item in items)
                    {
                        table.AddRow(
                            item.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(item.Left.ToString()), Markup.Escape(item.Right.ToString()),
                            item.MatchProbability.ToString("0.0000", CultureInfo.InvariantCulture), item.MatchWeight.ToString("N2", CultureInfo.InvariantCulture),
                            item.Status.ToString(), Markup.Escape(item.DecidedBy ?? ""));
                    }

                    AnsiConsole.Write(table);
                });
            if (writer is not null)
            {
                writer.WriteEndArray();
                writer.Flush();
                output!.WriteByte((byte)'\n');
            }

            if (more)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{CliPaging.Count(shown, "item")} shown; more follow. Continue with --after {cursor}, or list every item with --all."));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateDecide()
    {
        var id = new Argument<long>("id") { Description = "Review item id." };
        var decision = new Argument<string>("decision") { Description = "accept (same person) or reject (different people)." };
        var by = new Option<string>("--by") { Description = "The steward deciding.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, kept with the decision." };
        var command = new Command("decide", "Record a steward's decision; every later resolve respects it, and an accepted pair joins its two persons now.") { id, decision, by, reason };
        command.SetAction(async (parse, ct) =>
        {
            var choice = parse.GetValue(decision)!.ToLowerInvariant();
            if (choice is not ("accept" or "reject"))
            {
                return CliOutput.Invalid("The decision is accept or reject.");
            }

            var steward = parse.GetValue(by)!;
            if (string.IsNullOrWhiteSpace(steward))
            {
                return CliOutput.Invalid("Name the steward with --by.");
            }

            var reviews = CliContext.Open(parse).Get<ReviewService>();
            var result = await reviews.DecideAsync(parse.GetValue(id), choice == "accept", steward, parse.GetValue(reason), ct);
            if (!result.IsSuccess)
            {
                return CliOutput.Fail(result.Errors);
            }

            var decided = result.Value;
            var applied = decided.Item.Status == ReviewStatus.Rejected
                ? "later resolutions will not link the pair directly"
                : decided.PersonId is { } person
                    ? $"its records are now person {person}"
                    : "run persons resolve to join its records";
            CliOutput.Done($"Review item {decided.Item.Id} {decided.Item.Status.ToString().ToLowerInvariant()}; {applied}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Result<LinkageData> HubData(LinkageSettings settings, IReadOnlyList<HubRecord> records, CancellationToken cancellationToken)
    {
        var columns = settings.Columns.Select(c => c.Name).ToList();
        var sources = records.GroupBy(r => r.Ref.DatasetId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Concordat.Core.Ingestion.IRecordSource)new HubRecordSource([.. g.OrderBy(r => r.Ref)], columns, settings.UniqueIdColumn)).ToList();
        var effective = sources.Count < 2 && settings.LinkType != LinkType.Dedupe ? settings with { LinkType = LinkType.Dedupe } : settings;
        return LinkageData.Load(effective, sources, null, cancellationToken);
    }

    private static Dictionary<string, string?> Fields(string payloadJson)
    {
        using var document = JsonDocument.Parse(payloadJson);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => property.Value.GetRawText(),
            };
        }

        return fields;
    }
}

using System.CommandLine;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat datasets add|list|schema|set-schema</c>.</summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Dataset slug id, e.g. hmrc-taxpayers." };
        var org = new Option<string>("--org") { Description = "Owning organisation id.", Required = true };
        var title = new Option<string>("--title") { Description = "Human title.", Required = true };
        var description = new Option<string?>("--description") { Description = "What the dataset holds and why." };
        var schemaFile = new Option<FileInfo>("--schema") { Description = "Frictionless Table Schema JSON file.", Required = true };
        var add = new Command("add", "Register a dataset with a schema (Frictionless Table Schema JSON).") { id, org, title, description, schemaFile };
        add.SetAction(async (parse, ct) =>
        {
            var datasetId = parse.GetValue(id)!;
            if (!SchemaRules.IsValidSlug(datasetId))
            {
                return CliOutput.Invalid($"'{datasetId}' is not a valid id: use 2-64 lower-case letters, digits and hyphens, starting with a letter.");
            }

            var schema = ReadSchema(parse.GetValue(schemaFile)!);
            if (!schema.IsSuccess)
            {
                return CliOutput.Fail(schema.Errors);
            }

            var context = CliContext.Open(parse);
            var now = DateTimeOffset.UtcNow;
            var created = await context.Catalogue.CreateDatasetAsync(
                new Dataset(datasetId, parse.GetValue(org)!, parse.GetValue(title)!, schema.Value)
                {
                    Description = parse.GetValue(description),
                    CreatedAt = now,
                    UpdatedAt = now,
                },
                ct);
            if (!created.IsSuccess)
            {
                return CliOutput.Fail(created.Errors);
            }

            CliOutput.Done($"Dataset {datasetId} registered with {schema.Value.Fields.Count} fields.");
            return ExitCodes.Success;
        });

        var orgFilter = new Option<string?>("--org") { Description = "Only this organisation's datasets." };
        var list = new Command("list", "List datasets with their record counts.") { orgFilter };
        list.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var table = new Table().AddColumns("Id", "Organisation", "Title", "Fields", "Schema v", "Records");
            foreach (var dataset in await context.Catalogue.ListDatasetsAsync(parse.GetValue(orgFilter), ct))
            {
                var count = await context.Records.CountRecordsAsync(dataset.Id, ct);
                table.AddRow(
                    Markup.Escape(dataset.Id),
                    Markup.Escape(dataset.OrganisationId),
                    Markup.Escape(dataset.Title),
                    dataset.Schema.Fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    dataset.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });

        var schemaId = new Argument<string>("id") { Description = "Dataset id." };
        var schema = new Command("schema", "Print a dataset's schema as Frictionless Table Schema JSON.") { schemaId };
        schema.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var dataset = await context.Catalogue.GetDatasetAsync(parse.GetValue(schemaId)!, ct);
            if (dataset is null)
            {
                return CliOutput.Fail(Error.NotFound("dataset.not_found", $"No dataset '{parse.GetValue(schemaId)}'."));
            }

            Console.Out.WriteLine(TableSchemaJson.Write(dataset.Schema));
            return ExitCodes.Success;
        });

        var setId = new Argument<string>("id") { Description = "Dataset id." };
        var setFile = new Argument<FileInfo>("schema-file") { Description = "Frictionless Table Schema JSON file." };
        var setSchema = new Command("set-schema", "Replace a dataset's schema; the schema version is incremented and history kept.") { setId, setFile };
        setSchema.SetAction(async (parse, ct) =>
        {
            var parsed = ReadSchema(parse.GetValue(setFile)!);
            if (!parsed.IsSuccess)
            {
                return CliOutput.Fail(parsed.Errors);
            }

            var context = CliContext.Open(parse);
            var dataset = await context.Catalogue.GetDatasetAsync(parse.GetValue(setId)!, ct);
            if (dataset is null)
            {
                return CliOutput.Fail(Error.NotFound("dataset.not_found", $"No dataset '{parse.GetValue(setId)}'."));
            }

            var updated = await context.Catalogue.UpdateSchemaAsync(dataset.Id, parsed.Value, dataset.SchemaVersion, ct);
            if (!updated.IsSuccess)
            {
                return CliOutput.Fail(updated.Errors);
            }

            CliOutput.Done($"Dataset {dataset.Id} is now at schema version {updated.Value.SchemaVersion}.");
            return ExitCodes.Success;
        });

        return new Command("datasets", "Manage datasets and their schemas.") { add, list, schema, setSchema };
    }

    private static Result<DatasetSchema> ReadSchema(FileInfo file) =>
        file.Exists
            ? TableSchemaJson.Parse(File.ReadAllText(file.FullName))
            : Error.Validation("schema.not_found", $"Schema file '{file.FullName}' does not exist.");
}

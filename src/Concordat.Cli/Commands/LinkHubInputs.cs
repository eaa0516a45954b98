using System.Text;
using System.Text.Json;
using Concordat.Core;

namespace Concordat.Cli.Commands;

/// <summary>
/// Lets <c>concordat link</c> take a dataset in the hub as an input, written <c>hub:DATASET</c>: its current records
/// are written once per command to <c>&lt;data&gt;/link-inputs/DATASET.csv</c> (UTF-8, RFC 4180), one column per
/// schema field plus the settings' unique id column (the record key) when the schema has no such field, and the
/// file then goes through the same reading, clustering and output path as any CSV.
/// </summary>
internal static class LinkHubInputs
{
    private const string Prefix = "hub:";
    private const int PageSize = 5000;
    private static readonly Dictionary<string, FileInfo> Written = new(StringComparer.Ordinal);

    /// <summary>The inputs with every <c>hub:DATASET</c> replaced by its exported CSV file.</summary>
    public static Result<FileInfo[]> Resolve(System.CommandLine.ParseResult parse, IReadOnlyList<FileInfo> inputs, string uniqueIdColumn, CancellationToken cancellationToken)
    {
        var resolved = new FileInfo[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var text = inputs[i].ToString();
            if (!text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                resolved[i] = inputs[i];
                continue;
            }

            var exported = Export(parse, text[Prefix.Length..], uniqueIdColumn, cancellationToken);
            if (exported is null)
            {
                return Error.NotFound("linkage.dataset_not_found", $"No dataset '{text[Prefix.Length..]}' in the hub at {parse.GetValue(CliContext.DataOption)!.FullName}.");
            }

            resolved[i] = exported;
        }

        return resolved;
    }

    private static FileInfo? Export(System.CommandLine.ParseResult parse, string datasetId, string uniqueIdColumn, CancellationToken cancellationToken)
    {
        if (Written.TryGetValue(datasetId, out var done))
        {
            return done;
        }

        var context = CliContext.Open(parse);
        var dataset = context.Catalogue.GetDatasetAsync(datasetId, cancellationToken).GetAwaiter().GetResult();
        if (dataset is null)
        {
            return null;
        }

        var fields = dataset.Schema.Fields.Select(f => f.Name).ToList();
        var keyIsField = fields.Contains(uniqueIdColumn, StringComparer.Ordinal);
        var columns = keyIsField ? fields : [uniqueIdColumn, .. fields];
        var directory = Directory.CreateDirectory(Path.Combine(parse.GetValue(CliContext.DataOption)!.FullName, "link-inputs"));
        var file = new FileInfo(Path.Combine(directory.FullName, datasetId + ".csv"));
        using (var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(false)) { NewLine = "\r\n" })
        {
            writer.WriteLine(string.Join(',', columns.Select(Quote)));
            string? after = null;
            while (true)
            {
                var page = context.Records.ListRecordsAsync(datasetId, after, PageSize, cancellationToken).GetAwaiter().GetResult();
                foreach (var record in page)
                {
                    using var json = JsonDocument.Parse(record.PayloadJson);
                    var cells = columns.Select(column =>
                        !keyIsField && column == uniqueIdColumn ? Quote(record.Key)
                        : json.RootElement.TryGetProperty(column, out var value) && value.ValueKind != JsonValueKind.Null
                            ? Quote(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText())
                            : "");
                    writer.WriteLine(string.Join(',', cells));
                }

                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].Key;
            }
        }

        Written[datasetId] = file;
        return file;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

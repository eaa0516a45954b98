using System.Globalization;
using System.Text;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Core.Linkage;

namespace Concordat.Cli.Commands;

/// <summary>Reading settings, models and CSV inputs for <c>concordat link</c>, and writing its outputs.</summary>
internal static class LinkFiles
{
    public static Result<LinkageSettings> ReadSettings(FileInfo file)
    {
        if (!file.Exists)
        {
            return Error.NotFound("linkage.settings_not_found", $"Settings file '{file.FullName}' does not exist.");
        }

        return LinkageSettingsJson.Read(File.ReadAllText(file.FullName));
    }

    public static Result<LinkageModel> ReadModel(FileInfo file)
    {
        if (!file.Exists)
        {
            return Error.NotFound("linkage.model_not_found", $"Model file '{file.FullName}' does not exist.");
        }

        return LinkageModel.Parse(File.ReadAllText(file.FullName));
    }

    public static Result<IRecordSource> Open(FileInfo file, string encoding)
    {
        if (!file.Exists)
        {
            return Error.NotFound("linkage.input_not_found", $"Input '{file.FullName}' does not exist.");
        }

        try
        {
            var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return new CsvRecordSource(stream, new SourceOptions { Encoding = encoding });
        }
        catch (SourceFormatException ex)
        {
            return Error.Validation("linkage.input_unreadable", $"Input '{file.Name}' cannot be read: {ex.Message}");
        }
    }

    public static Result<LinkageData> Load(LinkageSettings settings, IReadOnlyList<FileInfo> files, string encoding, string? truthColumn, CancellationToken cancellationToken)
    {
        var sources = new List<IRecordSource>();
        try
        {
            foreach (var file in files)
            {
                var opened = Open(file, encoding);
                if (!opened.IsSuccess)
                {
                    return Result<LinkageData>.Failure(opened.Errors);
                }

                sources.Add(opened.Value);
            }

            return LinkageData.Load(settings, sources, truthColumn, cancellationToken);
        }
        finally
        {
            foreach (var source in sources)
            {
                source.Dispose();
            }
        }
    }

    /// <summary>Writes pairs at or above <paramref name="threshold"/>: ids, inputs, weight and probability.</summary>
    public static long WritePairs(string path, LinkageData data, ScoredPairs pairs, double threshold)
    {
        var minWeight = ScoredPairs.WeightOf(Math.Clamp(threshold, 1e-12, 1 - 1e-12));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("leftId,rightId,leftInput,rightInput,matchWeight,matchProbability\n");
        long written = 0;
        for (var p = 0; p < pairs.Count; p++)
        {
            var weight = pairs.Weight(p);
            if (weight < minWeight)
            {
                continue;
            }

            var left = pairs.Left(p);
            var right = pairs.Right(p);
            writer.Write(Csv(data.UniqueId(left)));
            writer.Write(',');
            writer.Write(Csv(data.UniqueId(right)));
            writer.Write(string.Create(CultureInfo.InvariantCulture, $",{data.SourceOf(left) + 1},{data.SourceOf(right) + 1},{weight:0.###},{pairs.Probability(p):0.######}\n"));
            written++;
        }

        return written;
    }

    /// <summary>
    /// Writes each input's rows again with a <c>clusterId</c> column: the unique id (prefixed by the input number when
    /// there are several inputs) of the cluster's first record.
    /// </summary>
    public static IReadOnlyList<string> WriteClusters(DirectoryInfo directory, IReadOnlyList<FileInfo> files, string encoding, LinkageData data, LinkageClusters clusters)
    {
        var representative = new int[clusters.Count];
        Array.Fill(representative, -1);
        for (var row = 0; row < data.RecordCount; row++)
        {
            var c = clusters.Of(row);
            if (representative[c] < 0)
            {
                representative[c] = row;
            }
        }

        var written = new List<string>();
        var row0 = 0;
        for (var input = 0; input < files.Count; input++)
        {
            var path = Path.Combine(directory.FullName, Path.GetFileNameWithoutExtension(files[input].Name) + ".clusters.csv");
            using var source = Open(files[input], encoding).Value;
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
            writer.Write(string.Join(',', source.Columns.Select(Csv)));
            writer.Write(",clusterId\n");
            var width = source.Columns.Count;
            while (source.Read())
            {
                if (source.RowError is not null)
                {
                    continue;
                }

                for (var c = 0; c < width; c++)
                {
                    writer.Write(Csv(source.GetValue(c) ?? ""));
                    writer.Write(',');
                }

                var first = representative[clusters.Of(row0)];
                writer.Write(Csv(files.Count > 1 ? $"{data.SourceOf(first) + 1}:{data.UniqueId(first)}" : data.UniqueId(first)));
                writer.Write('\n');
                row0++;
            }

            written.Add(path);
        }

        return written;
    }

    // Quoted per RFC 4180; a cell a spreadsheet would run as a formula gets a leading apostrophe.
    private static string Csv(string value)
    {
        if (value.Length > 0 && (value[0] is '=' or '+' or '@' or '\t' or '\r'
            || (value[0] == '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Ingestion;

namespace Concordat.Cli.Commands;

/// <summary>Loads mapping files and inlines a fixed-width layout file named relative to the mapping.</summary>
internal static class MappingFiles
{
    public static Result<IngestMapping> Load(FileInfo file)
    {
        if (!file.Exists)
        {
            return Error.Validation("mapping.not_found", $"Mapping file '{file.FullName}' does not exist.");
        }

        var parsed = MappingJson.Parse(File.ReadAllText(file.FullName));
        if (!parsed.IsSuccess)
        {
            return Result<IngestMapping>.Failure(parsed.Errors.Select(e => e with { Message = $"{file.Name}: {e.Message}" }).ToList());
        }

        var mapping = parsed.Value;
        if (mapping.Source.Format == SourceFormat.FixedWidth && mapping.Source.Layout is null && mapping.Source.LayoutFile is { } layoutName)
        {
            var layoutPath = Path.GetFullPath(Path.Combine(file.DirectoryName ?? ".", layoutName));
            if (!File.Exists(layoutPath))
            {
                return Error.Validation("mapping.layout_not_found", $"Layout file '{layoutPath}' named by {file.Name} does not exist.");
            }

            try
            {
                var layout = JsonSerializer.Deserialize<FixedWidthLayout>(File.ReadAllText(layoutPath), ConcordatJson.Options);
                if (layout is null)
                {
                    return Error.Validation("mapping.layout_invalid", $"Layout file '{layoutPath}' is empty.");
                }

                mapping = mapping with { Source = mapping.Source with { Layout = layout } };
            }
            catch (JsonException ex)
            {
                return Error.Validation("mapping.layout_invalid", $"Layout file '{layoutPath}' is not valid: {ex.Message}");
            }
        }

        return mapping;
    }
}

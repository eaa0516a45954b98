using System.Diagnostics;
using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Benchmarks;

/// <summary>
/// <c>field-costs FILE SCHEMA MAPPING</c>: reads the file once into memory, then times each mapped field's
/// transforms and validation over every row, and the CSV read itself, in nanoseconds per row. Shows which
/// field's standardisation dominates the reading side of an ingest.
/// </summary>
internal static class FieldCosts
{
    public static async Task<int> RunAsync(string csvPath, string schemaPath, string mappingPath)
    {
        var schema = TableSchemaJson.Parse(await File.ReadAllTextAsync(schemaPath)).Value;
        var mapping = MappingJson.Parse(await File.ReadAllTextAsync(mappingPath)).Value;
        var compiled = CompiledMapping.Compile(schema, mapping).Value;
        var bytes = await File.ReadAllBytesAsync(csvPath);

        var clock = Stopwatch.StartNew();
        var columns = compiled.SourceColumns.Select(_ => new List<string?>()).ToArray();
        using (var source = RecordSourceFactory.Open(mapping.Source, new MemoryStream(bytes), compiled.SourceColumns))
        {
            var ordinals = compiled.Bind(source).Value;
            while (source.Read())
            {
                for (var i = 0; i < ordinals.Length; i++)
                {
                    columns[i].Add(source.GetValue(ordinals[i]));
                }
            }
        }

        var rows = columns[0].Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"csv read (all columns)",-28} {clock.Elapsed.TotalNanoseconds / rows,8:N0} ns/row"));
        double total = 0;
        foreach (var plan in compiled.Fields.Where(p => p.SourceColumn >= 0))
        {
            var values = columns[plan.SourceColumn];
            for (var pass = 0; pass < 2; pass++)
            {
                clock.Restart();
                foreach (var raw in values)
                {
                    var value = raw;
                    var ok = true;
                    foreach (var transform in plan.Transforms)
                    {
                        if (!transform.TryApply(value, out value, out _))
                        {
                            ok = false;
                            break;
                        }
                    }

                    if (ok)
                    {
                        plan.Validator.TryValidate(value, out _, out _);
                    }
                }

                // The first pass warms the JIT; the second is reported.
                if (pass == 1)
                {
                    var ns = clock.Elapsed.TotalNanoseconds / rows;
                    total += ns;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{plan.Validator.Name,-28} {ns,8:N0} ns/row"));
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"all fields",-28} {total,8:N0} ns/row"));
        return 0;
    }
}

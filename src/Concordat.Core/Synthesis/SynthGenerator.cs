using System.Collections.Concurrent;
using Concordat.Core.Synthesis.Internal;

namespace Concordat.Core.Synthesis;

/// <summary>
/// Generates a synthetic population and the legacy extracts four departments hold about it, with realistic drift
/// and errors, plus the truth that links every record to its person. The output depends only on the options: the
/// same options give byte-identical files whatever the machine or the degree of parallelism.
/// </summary>
/// <remarks>
/// People are generated in chunks on worker threads; each person draws from its own random stream derived from the
/// seed and its index, and identifiers are keyed permutations of the index, so no chunk depends on another. Chunks
/// are written in order. Instances are stateless and thread safe; one run writes to one <see cref="ISynthOutput"/>.
/// </remarks>
public sealed class SynthGenerator
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a generator.</summary>
    /// <param name="timeProvider">Clock used to measure <see cref="SynthSummary.Elapsed"/>; the system clock by default.</param>
    public SynthGenerator(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Writes every file for <paramref name="options"/> to <paramref name="output"/> and returns what was written,
    /// or validation errors (codes <c>synth.*</c>) when the options are unusable, in which case nothing is written.
    /// </summary>
    /// <param name="options">What to generate.</param>
    /// <param name="output">Where to write; each file is created once, written sequentially and disposed.</param>
    /// <param name="progress">Told after each chunk of people is written; called on the calling thread.</param>
    /// <param name="cancellationToken">Stops the run between chunks; files already created are left incomplete.</param>
    public Result<SynthSummary> Generate(SynthOptions options, ISynthOutput output, IProgress<SynthProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            return Result<SynthSummary>.Failure(errors);
        }

        var started = _timeProvider.GetTimestamp();
        var plan = new SynthPlan(options);
        var departments = SynthOptions.AllDepartments.Where(options.Departments.Contains).ToArray();
        var files = new List<string>();
        WriteMetadata(departments, output, files);

        var streams = new Stream?[SynthOptions.AllDepartments.Count];
        Stream? truth = null;
        try
        {
            foreach (var department in departments)
            {
                var path = SynthPaths.Data(department);
                var stream = output.Create(path);
                streams[(int)department] = stream;
                files.Add(path);
                stream.Write(Prologue(department, options));
            }

            truth = output.Create(SynthPaths.Truth);
            files.Add(SynthPaths.Truth);
            truth.Write("department,recordId,personId\n"u8);

            var totals = Run(plan, departments, streams, truth, progress, cancellationToken);

            foreach (var department in departments)
            {
                streams[(int)department]!.Write(Epilogue(department));
            }

            return new SynthSummary
            {
                People = options.People,
                Records = departments.ToDictionary(d => d, d => totals.Records[(int)d]),
                Duplicates = departments.ToDictionary(d => d, d => totals.Duplicates[(int)d]),
                Errors = Enum.GetValues<SynthErrorKind>().ToDictionary(k => k, k => totals.Errors[(int)k]),
                Files = files,
                BytesWritten = totals.Bytes,
                Elapsed = _timeProvider.GetElapsedTime(started),
            };
        }
        finally
        {
            foreach (var stream in streams)
            {
                stream?.Dispose();
            }

            truth?.Dispose();
        }
    }

    private static Totals Run(SynthPlan plan, SynthDepartment[] departments, Stream?[] streams, Stream truth, IProgress<SynthProgress>? progress, CancellationToken cancellationToken)
    {
        var options = plan.Options;
        var chunkSize = options.ChunkSize;
        var chunks = (int)(((long)options.People + chunkSize - 1) / chunkSize);
        var workers = Math.Min(options.MaxDegreeOfParallelism ?? Environment.ProcessorCount, chunks);
        var pool = new ConcurrentBag<ChunkWork>();
        var totals = new Totals();
        long peopleDone = 0;

        OrderedParallel.Run(
            chunks,
            workers,
            maxPending: Math.Max(2, workers * 2),
            produce: index =>
            {
                var work = pool.TryTake(out var reused) ? reused : new ChunkWork();
                work.Reset();
                var first = index * chunkSize;
                var last = (int)Math.Min((long)first + chunkSize, options.People);
                GenerateChunk(plan, departments, first, last, work);
                return work;
            },
            consume: (_, work) =>
            {
                foreach (var department in departments)
                {
                    var data = work.Data[(int)department];
                    streams[(int)department]!.Write(data.WrittenSpan);
                    totals.Bytes += data.Count;
                }

                truth.Write(work.Truth.WrittenSpan);
                totals.Bytes += work.Truth.Count;
                totals.Add(work);
                peopleDone += work.People;
                progress?.Report(new SynthProgress(peopleDone, options.People, totals.Bytes));
                pool.Add(work);
            },
            cancellationToken);

        return totals;
    }

    private static void GenerateChunk(SynthPlan plan, SynthDepartment[] departments, int first, int last, ChunkWork work)
    {
        var emitters = new DepartmentEmitter[departments.Length];
        for (var d = 0; d < departments.Length; d++)
        {
            emitters[d] = departments[d] switch
            {
                SynthDepartment.Hmrc => new HmrcEmitter(plan),
                SynthDepartment.Dwp => new DwpEmitter(plan),
                SynthDepartment.Dvla => new DvlaEmitter(plan),
                _ => new CouncilEmitter(plan),
            };
        }

        try
        {
            for (var i = first; i < last; i++)
            {
                var person = plan.Population.CreatePerson(i);
                foreach (var emitter in emitters)
                {
                    emitter.Emit(person, work);
                }
            }

            work.People = last - first;
        }
        finally
        {
            foreach (var emitter in emitters)
            {
                (emitter as IDisposable)?.Dispose();
            }
        }
    }

    private static void WriteMetadata(SynthDepartment[] departments, ISynthOutput output, List<string> files)
    {
        foreach (var department in departments)
        {
            if (department == SynthDepartment.Dvla)
            {
                using var layout = output.Create(SynthPaths.DvlaLayout);
                WriteText(layout, System.Text.Json.JsonSerializer.Serialize(DvlaLayout.Layout, ConcordatJson.Indented));
                files.Add(SynthPaths.DvlaLayout);
            }

            using (var mapping = output.Create(SynthPaths.Mapping(department)))
            {
                WriteText(mapping, Ingestion.MappingJson.Write(SynthMappings.For(department)));
            }

            files.Add(SynthPaths.Mapping(department));
            using (var schema = output.Create(SynthPaths.Schema(department)))
            {
                WriteText(schema, Catalogue.TableSchemaJson.Write(SynthSchemas.For(department)));
            }

            files.Add(SynthPaths.Schema(department));
        }
    }

    private static byte[] Prologue(SynthDepartment department, SynthOptions options) => department switch
    {
        SynthDepartment.Hmrc => HmrcEmitter.Prologue(),
        SynthDepartment.Council => CouncilEmitter.Prologue(options),
        _ => [],
    };

    private static byte[] Epilogue(SynthDepartment department) =>
        department == SynthDepartment.Council ? CouncilEmitter.Epilogue() : [];

    private sealed class Totals
    {
        public long[] Records { get; } = new long[SynthOptions.AllDepartments.Count];

        public long[] Duplicates { get; } = new long[SynthOptions.AllDepartments.Count];

        public long[] Errors { get; } = new long[Enum.GetValues<SynthErrorKind>().Length];

        public long Bytes { get; set; }

        public void Add(ChunkWork work)
        {
            for (var i = 0; i < Records.Length; i++)
            {
                Records[i] += work.Records[i];
                Duplicates[i] += work.Duplicates[i];
            }

            for (var i = 0; i < Errors.Length; i++)
            {
                Errors[i] += work.Errors[i];
            }
        }
    }

    // Metadata files use the hub's own writers, so what synth emits is exactly what the CLI and API read.
    private static void WriteText(Stream stream, string text)
    {
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text + "\n");
        stream.Write(bytes);
    }
}

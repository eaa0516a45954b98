using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Core.Linkage.Internal;

namespace Concordat.Core.Linkage;

/// <summary>
/// The records of one or more inputs, column-encoded for linkage: each settings column standardised by its role and
/// dictionary-encoded to int ids. Rows are numbered 0..<see cref="RecordCount"/>-1 in input order (input 1's rows,
/// then input 2's). Immutable once loaded; safe to read from many threads.
/// </summary>
public sealed class LinkageData
{
    private readonly ValueDictionary _uniqueIdTexts;
    private readonly int[] _uniqueIds;
    private readonly int[] _sources;
    private readonly int[]? _truth;
    private readonly Dictionary<string, int> _columnIndex;

    private LinkageData(EncodedColumn[] columns, ValueDictionary uniqueIdTexts, int[] uniqueIds, int[] sources, int inputCount, int[]? truth, IReadOnlyList<string> warnings)
    {
        Columns = columns;
        _uniqueIdTexts = uniqueIdTexts;
        _uniqueIds = uniqueIds;
        _sources = sources;
        InputCount = inputCount;
        _truth = truth;
        Warnings = warnings;
        _columnIndex = columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Records loaded.</summary>
    public int RecordCount => _uniqueIds.Length;

    /// <summary>Inputs loaded.</summary>
    public int InputCount { get; }

    /// <summary>Things worth a user's attention that did not stop the load (rows skipped, empty columns).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Bytes the loaded records hold: every column's value ids and distinct values, the unique ids and the input of
    /// each row (codes derived later for comparisons, such as phonetic codes, come on top).
    /// </summary>
    public long MemoryBytes =>
        Columns.Sum(c => (4L * c.Ids.Length) + c.Values.Bytes + (4L * c.ValueCount)) + _uniqueIdTexts.Bytes + (8L * _uniqueIds.Length) + (4L * (_truth?.Length ?? 0));

    /// <summary>Whether a ground-truth column was loaded.</summary>
    public bool HasTruth => _truth is not null;

    internal EncodedColumn[] Columns { get; }

    internal int[] Sources => _sources;

    internal int[]? Truth => _truth;

    /// <summary>The unique id of row <paramref name="row"/> as written in its input.</summary>
    public string UniqueId(int row) => _uniqueIdTexts.ToString(_uniqueIds[row]);

    /// <summary>Which input (0-based) row <paramref name="row"/> came from.</summary>
    public int SourceOf(int row) => _sources[row];

    /// <summary>The standardised value of a column in a row; null when missing.</summary>
    public string? Value(int row, string column)
    {
        var encoded = Columns[_columnIndex[column]];
        var id = encoded.Ids[row];
        return id < 0 ? null : encoded.Value(id);
    }

    internal EncodedColumn Column(string name) => Columns[_columnIndex[name]];

    /// <summary>The first row whose unique id is <paramref name="uniqueId"/> (in input <paramref name="input"/> when given), or -1.</summary>
    public int FindRow(string uniqueId, int? input = null)
    {
        ArgumentNullException.ThrowIfNull(uniqueId);
        var id = _uniqueIdTexts.Find(uniqueId);
        if (id < 0)
        {
            return -1;
        }

        for (var i = 0; i < _uniqueIds.Length; i++)
        {
            if (_uniqueIds[i] == id && (input is null || _sources[i] == input))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Reads every input to the end and encodes the settings' columns. Fails with <c>linkage.*</c> errors when a
    /// column is missing, an input is not in its declared encoding, or nothing could be read; skipped rows and
    /// empty columns become <see cref="Warnings"/>.
    /// </summary>
    /// <param name="settings">The settings; their shape must already validate.</param>
    /// <param name="inputs">The inputs, opened; this method does not dispose them.</param>
    /// <param name="truthColumn">A ground-truth column to load for evaluation, or null.</param>
    /// <param name="cancellationToken">Checked every 64k rows.</param>
    public static Result<LinkageData> Load(LinkageSettings settings, IReadOnlyList<IRecordSource> inputs, string? truthColumn = null, CancellationToken cancellationToken = default) =>
        Load(settings, inputs, truthColumn, BatchRows, cancellationToken);

    /// <summary>
    /// As the public <c>Load</c>, reading <paramref name="batchRows"/> rows at a time: a caller that loads a handful of
    /// records per request (real-time matching) gives their count, so the load neither allocates full batches nor
    /// hands work to other threads.
    /// </summary>
    internal static Result<LinkageData> Load(LinkageSettings settings, IReadOnlyList<IRecordSource> inputs, string? truthColumn, int batchRows, CancellationToken cancellationToken)
    {
        batchRows = Math.Clamp(batchRows, 1, BatchRows);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            return Error.Validation("linkage.no_inputs", "Give at least one input.");
        }

        if (settings.LinkType != LinkType.Dedupe && inputs.Count < 2)
        {
            return Error.Validation("linkage.link_needs_two_inputs", $"Link type {settings.LinkType} needs at least two inputs.");
        }

        var headers = inputs.Select(i => i.Columns).ToList();
        var errors = settings.Validate(headers);
        if (truthColumn is not null)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                if (!headers[i].Contains(truthColumn, StringComparer.Ordinal))
                {
                    errors.Add(Error.Validation("linkage.truth_column_missing", $"Input {i + 1} has no truth column '{truthColumn}'.", truthColumn));
                }
            }
        }

        if (errors.Count > 0)
        {
            return Result<LinkageData>.Failure(errors);
        }

        var builders = settings.Columns.Select(c => new ColumnBuilder(c.Name, c.Role)).ToList();
        if (truthColumn is not null)
        {
            builders.Add(new ColumnBuilder(truthColumn, ColumnRole.Other, raw: true));
        }

        var uniqueIdTexts = new ValueDictionary();
        var uniqueIds = new List<int>();
        var sources = new List<int>();
        var warnings = new List<string>();

        // The reader fills one batch while the other is encoded, one column per worker.
        var batches = new[] { new string?[builders.Count][], new string?[builders.Count][] };
        foreach (var batch in batches)
        {
            for (var c = 0; c < builders.Count; c++)
            {
                batch[c] = new string?[batchRows];
            }
        }

        Task? encoding = null;
        var current = 0;
        for (var input = 0; input < inputs.Count; input++)
        {
            var source = inputs[input];
            var ordinals = builders.Select(b => source.GetOrdinal(b.Name)).ToArray();
            var idOrdinal = source.GetOrdinal(settings.UniqueIdColumn);
            long skipped = 0;
            try
            {
                var more = true;
                while (more)
                {
                    var batch = batches[current];
                    var rows = 0;
                    while (rows < batchRows && (more = source.Read()))
                    {
                        if (source.RowError is not null)
                        {
                            skipped++;
                            continue;
                        }

                        uniqueIds.Add(uniqueIdTexts.GetOrAdd(source.GetValue(idOrdinal) ?? "", out _));
                        sources.Add(input);
                        for (var c = 0; c < ordinals.Length; c++)
                        {
                            batch[c][rows] = source.GetValue(ordinals[c]);
                        }

                        rows++;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    Await(encoding, cancellationToken);
                    var count = rows;
                    if (batchRows < SmallBatch)
                    {
                        for (var c = 0; c < builders.Count; c++)
                        {
                            builders[c].AddRange(batch[c], count);
                        }
                    }
                    else
                    {
                        encoding = Task.Run(() => Parallel.For(0, builders.Count, c => builders[c].AddRange(batch[c], count)), cancellationToken);
                    }

                    current = 1 - current;
                }
            }
            catch (SourceFormatException ex)
            {
                Await(encoding, cancellationToken);
                return Error.Validation("linkage.input_unreadable", $"Input {input + 1} cannot be read: {FirstClause(ex.Message)}. If it is not UTF-8, give its encoding (e.g. windows-1252).");
            }

            if (skipped > 0)
            {
                warnings.Add($"Input {input + 1}: {skipped:N0} malformed rows skipped.");
            }
        }

        Await(encoding, cancellationToken);
        var truthBuilder = truthColumn is null ? null : builders[^1];
        if (truthColumn is not null)
        {
            builders.RemoveAt(builders.Count - 1);
        }

        if (uniqueIds.Count < 2)
        {
            return Error.Validation("linkage.too_few_records", "The inputs hold fewer than two records; there is nothing to link.");
        }

        var columns = builders.Select(b => b.Build()).ToArray();
        foreach (var column in columns)
        {
            if (column.NonNullCount == 0)
            {
                warnings.Add($"Column '{column.Name}' is empty in every record: its comparisons carry no weight and its blocking rules find no pairs.");
            }
        }

        foreach (var builder in builders.Where(b => b.Unparsed > 0))
        {
            warnings.Add($"Column '{builder.Name}': {builder.Unparsed:N0} values could not be read as a {builder.Role} and count as missing.");
        }

        uniqueIdTexts.Trim();
        return new LinkageData(columns, uniqueIdTexts, [.. uniqueIds], [.. sources], inputs.Count, truthBuilder?.Build().Ids, warnings);
    }

    private const int BatchRows = 8192;

    // Below this many rows per batch, encoding on other threads costs more than it saves.
    private const int SmallBatch = 1024;

    // Blocks without spinning: on two cores a reader spinning while it waits takes a core from the encoders.
    private static void Await(Task? task, CancellationToken cancellationToken)
    {
        if (task is null)
        {
            return;
        }

        if (!task.IsCompleted)
        {
            WaitHandle.WaitAny([((IAsyncResult)task).AsyncWaitHandle, cancellationToken.WaitHandle]);
            cancellationToken.ThrowIfCancellationRequested();
        }

        task.GetAwaiter().GetResult();
    }

    // The reader's message ends with advice about mapping files, which do not apply here.
    private static string FirstClause(string message)
    {
        var end = message.IndexOf(';', StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }

    private sealed class ColumnBuilder(string name, ColumnRole role, bool raw = false)
    {
        // Raw text to standardised value id, so standardisation runs once per distinct raw value. Bounded, and given
        // up when it rarely hits: for near-unique values (identifiers, addresses) it would only hold every raw string.
        private const int RawCacheLimit = 1 << 16;
        private readonly Dictionary<string, int> _rawIds = new(StringComparer.Ordinal);
        private readonly ValueDictionary _values = new();
        private int[] _ids = new int[1024];
        private int _rows;
        private bool _useRawCache = !raw;
        private long _rawLookups;
        private long _rawHits;

        public string Name { get; } = name;

        public ColumnRole Role { get; } = role;

        public long Unparsed { get; private set; }

        public void AddRange(string?[] texts, int count)
        {
            if (_rows + count > _ids.Length)
            {
                Array.Resize(ref _ids, (int)Math.Min(Array.MaxLength, Math.Max((long)_ids.Length * 2, (long)_rows + count)));
            }

            for (var i = 0; i < count; i++)
            {
                _ids[_rows++] = Encode(texts[i]);
                texts[i] = null;
            }

            if (_useRawCache && _rawLookups >= 4 * RawCacheLimit && _rawHits * 2 < _rawLookups)
            {
                _useRawCache = false;
                _rawIds.Clear();
                _rawIds.TrimExcess();
            }
        }

        private int Encode(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return -1;
            }

            int id;
            if (_useRawCache)
            {
                _rawLookups++;
                if (_rawIds.TryGetValue(text, out id))
                {
                    _rawHits++;
                }
                else
                {
                    id = Standardise(text);
                    if (_rawIds.Count < RawCacheLimit)
                    {
                        _rawIds[text] = id;
                    }
                }
            }
            else
            {
                id = Standardise(text);
            }

            if (id < 0 && !string.IsNullOrWhiteSpace(text))
            {
                Unparsed++;
            }

            return id;
        }

        private int Standardise(string text)
        {
            var value = raw ? text : Standardiser.Standardise(text, Role);
            return value is null ? -1 : _values.GetOrAdd(value, out _);
        }

        public EncodedColumn Build()
        {
            _values.Trim();
            var ids = _ids[.._rows];
            var counts = new int[_values.Count];
            foreach (var id in ids)
            {
                if (id >= 0)
                {
                    counts[id]++;
                }
            }

            return new(Name, Role, ids, _values, counts);
        }
    }
}

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
    private readonly string[] _uniqueIds;
    private readonly int[] _sources;
    private readonly int[]? _truth;
    private readonly Dictionary<string, int> _columnIndex;

    private LinkageData(EncodedColumn[] columns, string[] uniqueIds, int[] sources, int inputCount, int[]? truth, IReadOnlyList<string> warnings)
    {
        Columns = columns;
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

    /// <summary>Whether a ground-truth column was loaded.</summary>
    public bool HasTruth => _truth is not null;

    internal EncodedColumn[] Columns { get; }

    internal int[] Sources => _sources;

    internal int[]? Truth => _truth;

    /// <summary>The unique id of row <paramref name="row"/> as written in its input.</summary>
    public string UniqueId(int row) => _uniqueIds[row];

    /// <summary>Which input (0-based) row <paramref name="row"/> came from.</summary>
    public int SourceOf(int row) => _sources[row];

    /// <summary>The standardised value of a column in a row; null when missing.</summary>
    public string? Value(int row, string column)
    {
        var encoded = Columns[_columnIndex[column]];
        var id = encoded.Ids[row];
        return id < 0 ? null : encoded.Values[id];
    }

    internal EncodedColumn Column(string name) => Columns[_columnIndex[name]];

    /// <summary>The first row whose unique id is <paramref name="uniqueId"/> (in input <paramref name="input"/> when given), or -1.</summary>
    public int FindRow(string uniqueId, int? input = null)
    {
        for (var i = 0; i < _uniqueIds.Length; i++)
        {
            if (string.Equals(_uniqueIds[i], uniqueId, StringComparison.Ordinal) && (input is null || _sources[i] == input))
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
    public static Result<LinkageData> Load(LinkageSettings settings, IReadOnlyList<IRecordSource> inputs, string? truthColumn = null, CancellationToken cancellationToken = default)
    {
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

        var uniqueIds = new List<string>();
        var sources = new List<int>();
        var warnings = new List<string>();

        // The reader fills one batch while the other is encoded, one column per worker.
        var batches = new[] { new string?[builders.Count][], new string?[builders.Count][] };
        foreach (var batch in batches)
        {
            for (var c = 0; c < builders.Count; c++)
            {
                batch[c] = new string?[BatchRows];
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
                    while (rows < BatchRows && (more = source.Read()))
                    {
                        if (source.RowError is not null)
                        {
                            skipped++;
                            continue;
                        }

                        uniqueIds.Add(source.GetValue(idOrdinal) ?? "");
                        sources.Add(input);
                        for (var c = 0; c < ordinals.Length; c++)
                        {
                            batch[c][rows] = source.GetValue(ordinals[c]);
                        }

                        rows++;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    encoding?.Wait(cancellationToken);
                    var count = rows;
                    encoding = Task.Run(() => Parallel.For(0, builders.Count, c => builders[c].AddRange(batch[c], count)), cancellationToken);
                    current = 1 - current;
                }
            }
            catch (SourceFormatException ex)
            {
                encoding?.Wait(cancellationToken);
                return Error.Validation("linkage.input_unreadable", $"Input {input + 1} cannot be read: {ex.Message} If it is not UTF-8, give its encoding (e.g. windows-1252).");
            }

            if (skipped > 0)
            {
                warnings.Add($"Input {input + 1}: {skipped:N0} malformed rows skipped.");
            }
        }

        encoding?.Wait(cancellationToken);
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

        return new LinkageData(columns, [.. uniqueIds], [.. sources], inputs.Count, truthBuilder?.Build().Ids, warnings);
    }

    private const int BatchRows = 8192;

    private sealed class ColumnBuilder(string name, ColumnRole role, bool raw = false)
    {
        // Raw text to standardised value id, so standardisation runs once per distinct raw value.
        private readonly Dictionary<string, int> _rawIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _valueIds = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];
        private readonly List<int> _counts = [];
        private readonly List<int> _ids = [];

        public string Name { get; } = name;

        public ColumnRole Role { get; } = role;

        public long Unparsed { get; private set; }

        public void AddRange(string?[] texts, int count)
        {
            for (var i = 0; i < count; i++)
            {
                Add(texts[i]);
                texts[i] = null;
            }
        }

        private void Add(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                _ids.Add(-1);
                return;
            }

            if (!_rawIds.TryGetValue(text, out var id))
            {
                var value = raw ? text : Standardiser.Standardise(text, Role);
                if (value is null)
                {
                    id = -1;
                }
                else if (!_valueIds.TryGetValue(value, out id))
                {
                    id = _values.Count;
                    _values.Add(value);
                    _counts.Add(0);
                    _valueIds[value] = id;
                }

                _rawIds[text] = id;
            }

            if (id < 0)
            {
                if (!string.IsNullOrWhiteSpace(text))
                {
                    Unparsed++;
                }
            }
            else
            {
                _counts[id]++;
            }

            _ids.Add(id);
        }

        public EncodedColumn Build() => new(Name, Role, [.. _ids], [.. _values], [.. _counts]);
    }
}

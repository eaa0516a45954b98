using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Concordat.Core.Linkage.Internal;

namespace Concordat.Core.Linkage;

/// <summary>
/// Resolved persons' records held in memory for matching one new record at a time: each record's values, its
/// person, its key under every prediction blocking rule, and the count of every value of each term-frequency
/// comparison. A query is blocked by the same rules, its candidates are scored with the model (so the waterfall is
/// the one <c>link explain</c> prints, term frequencies taken from the whole index) and grouped into persons, best
/// record first. Records can be added, moved to another person or removed as ingests and resolutions commit, without
/// rebuilding. Many matches may run at once; a change waits for them and they for it.
/// </summary>
public sealed class PersonMatchIndex : IDisposable
{
    /// <summary>The most candidate persons one match returns.</summary>
    public const int MaxLimit = 100;

    /// <summary>
    /// The default cap on one block: a query's key shared by more held records than this is too common to block on, so
    /// that rule is left out of the match and the result says so (<see cref="PersonMatchResult.SkippedBlocks"/>).
    /// </summary>
    public const int DefaultMaxBlockRecords = 1_000;

    /// <summary>The largest cap on one block that may be set.</summary>
    public const int MaxBlockRecordsLimit = 1_000_000;

    private readonly LinkageModel _model;
    private readonly BlockingRule[] _rules;
    private readonly string[] _ruleText;
    private readonly string[] _columns;
    private readonly ColumnRole[] _roles;
    private readonly Dictionary<string, int> _columnIndex;
    private readonly ValueComparison[] _comparisons;
    private readonly int[] _comparisonColumn;
    private readonly float[][] _weights;
    private readonly HeldValues[] _held;
    private readonly Dictionary<string, List<int>>[] _blocks;
    private readonly List<Entry> _entries = [];

    // Each row's value id per column (row-major; -1 missing): candidates are scored from these, never re-read.
    private readonly List<int> _values = [];
    private readonly Dictionary<RecordRef, int> _rowOf = [];
    private readonly Dictionary<string, int> _recordsOfPerson = new(StringComparer.Ordinal);

    // Records linked to a person but not held because their current version is a tombstone (or was not found): a
    // later version brings them back to their person without a rebuild.
    private readonly Dictionary<RecordRef, string> _dormant = [];
    private readonly ReaderWriterLockSlim _gate = new();

    private PersonMatchIndex(LinkageSettings settings, LinkageModel model, BlockingRule[] rules)
    {
        _model = model;
        _rules = rules;
        _ruleText = [.. settings.BlockingRules];
        _columns = [.. settings.Columns.Select(c => c.Name).Where(c => c != settings.UniqueIdColumn)];
        _roles = [.. _columns.Select(c => settings.Columns.First(s => s.Name == c).Role)];
        _columnIndex = _columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

        // The comparisons and weights are compiled once here, not per query; each column's values carry the codes
        // its comparisons test.
        _comparisonColumn = [.. settings.Comparisons.Select(c => _columnIndex.TryGetValue(c.Column, out var i) ? i : -1)];
        _comparisons = [.. settings.Comparisons.Select((c, i) => new ValueComparison(c, _comparisonColumn[i] < 0 ? ColumnRole.Other : _roles[_comparisonColumn[i]]))];
        _weights = [.. model.Comparisons.Select(c =>
        {
            var weights = new float[c.Levels.Count + 1];
            for (var l = 0; l < c.Levels.Count; l++)
            {
                weights[l + 1] = (float)c.Levels[l].Weight;
            }

            return weights;
        })];
        _held = [.. _columns.Select((_, i) => new HeldValues(_roles[i], _comparisons.Where((_, c) => _comparisonColumn[c] == i).SelectMany(c => c.Kinds).ToHashSet()))];
        _blocks = [.. rules.Select(_ => new Dictionary<string, List<int>>(StringComparer.Ordinal))];
    }

    /// <summary>
    /// How far the index has followed the stores' change feeds; set by <see cref="PersonMatchIndexLoader"/>, which alone
    /// applies feed changes (one catch-up at a time).
    /// </summary>
    public PersonMatchPosition Position { get; internal set; }

    /// <summary>Records held (each linked to a person).</summary>
    public int RecordCount
    {
        get
        {
            _gate.EnterReadLock();
            try
            {
                return _rowOf.Count;
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    /// <summary>Persons with at least one record held.</summary>
    public int PersonCount
    {
        get
        {
            _gate.EnterReadLock();
            try
            {
                return _recordsOfPerson.Count;
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// Builds an index of <paramref name="records"/> under <paramref name="settings"/> and its trained
    /// <paramref name="model"/>; only records <paramref name="links"/> assigns to a person are held.
    /// </summary>
    public static Result<PersonMatchIndex> Build(LinkageSettings settings, LinkageModel model, IEnumerable<HubRecord> records, IReadOnlyDictionary<RecordRef, string> links)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(links);
        if (model.Comparisons.Count != settings.Comparisons.Count
            || model.Comparisons.Zip(settings.Comparisons).Any(p => p.First.Column != p.Second.Column || p.First.Name != p.Second.DisplayName))
        {
            return Error.Validation("linkage.model_mismatch", "The model was not trained with these settings: its comparisons differ.");
        }

        var names = settings.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var rules = new BlockingRule[settings.BlockingRules.Count];
        for (var r = 0; r < rules.Length; r++)
        {
            var rule = BlockingRule.Parse(settings.BlockingRules[r], names);
            if (!rule.IsSuccess)
            {
                return Result<PersonMatchIndex>.Failure(rule.Errors);
            }

            rules[r] = rule.Value;
        }

        var index = new PersonMatchIndex(settings, model, rules);
        foreach (var record in records)
        {
            if (links.TryGetValue(record.Ref, out var person) && !index._rowOf.ContainsKey(record.Ref))
            {
                index.AddLocked(record, person);
            }
        }

        foreach (var (reference, person) in links)
        {
            if (!index._rowOf.ContainsKey(reference))
            {
                index._dormant[reference] = person;
            }
        }

        return index;
    }

    /// <summary>Adds a record to <paramref name="personId"/>, or replaces its values and person if it is held.</summary>
    public void Upsert(HubRecord record, string personId)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(personId);
        _gate.EnterWriteLock();
        try
        {
            RemoveLocked(record.Ref);
            _dormant.Remove(record.Ref);
            AddLocked(record, personId);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>Moves held records to the persons <paramref name="links"/> names (a resolution's result); others are untouched.</summary>
    public void Relink(IReadOnlyDictionary<RecordRef, string> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        _gate.EnterWriteLock();
        try
        {
            foreach (var (reference, person) in links)
            {
                if (_rowOf.TryGetValue(reference, out var row) && _entries[row].PersonId != person)
                {
                    Count(_entries[row].PersonId, -1);
                    _entries[row] = _entries[row] with { PersonId = person };
                    Count(person, 1);
                }
                else if (_dormant.ContainsKey(reference))
                {
                    _dormant[reference] = person;
                }
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>Removes a record (deleted, or no longer linked); false when it was not held.</summary>
    public bool Remove(RecordRef reference)
    {
        _gate.EnterWriteLock();
        try
        {
            _dormant.Remove(reference);
            return RemoveLocked(reference);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>The person a record is linked to as far as the index knows (held, or linked with a deleted current version).</summary>
    public bool TryGetPerson(RecordRef reference, [NotNullWhen(true)] out string? personId)
    {
        _gate.EnterReadLock();
        try
        {
            if (_rowOf.TryGetValue(reference, out var row))
            {
                personId = _entries[row].PersonId;
                return true;
            }

            return _dormant.TryGetValue(reference, out personId);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>True when the record's values are held (it is a match candidate).</summary>
    public bool Holds(RecordRef reference)
    {
        _gate.EnterReadLock();
        try
        {
            return _rowOf.ContainsKey(reference);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Applies a link change: <paramref name="reference"/> now belongs to <paramref name="personId"/> (null: to no
    /// person, so it leaves). A record not held is added from <paramref name="current"/>, its current version (null when
    /// that is a tombstone or missing: it is remembered as linked and comes back with a later version). Returns true
    /// when what matching sees changed.
    /// </summary>
    public bool ApplyLink(RecordRef reference, string? personId, HubRecord? current)
    {
        _gate.EnterWriteLock();
        try
        {
            if (personId is null)
            {
                _dormant.Remove(reference);
                return RemoveLocked(reference);
            }

            if (_rowOf.TryGetValue(reference, out var row))
            {
                if (current is not null)
                {
                    RemoveLocked(reference);
                    AddLocked(current with { Ref = reference }, personId);
                    return true;
                }

                if (_entries[row].PersonId == personId)
                {
                    return false;
                }

                Count(_entries[row].PersonId, -1);
                _entries[row] = _entries[row] with { PersonId = personId };
                Count(personId, 1);
                return true;
            }

            if (current is null)
            {
                _dormant[reference] = personId;
                return false;
            }

            _dormant.Remove(reference);
            AddLocked(current with { Ref = reference }, personId);
            return true;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// Applies a new version of a linked record: its values are replaced by <paramref name="current"/>, or it leaves
    /// matching when the version is a tombstone (null) and comes back with a later one. A record the index does not
    /// know as linked is ignored (false).
    /// </summary>
    public bool ApplyVersion(RecordRef reference, HubRecord? current)
    {
        _gate.EnterWriteLock();
        try
        {
            string? personId;
            if (_rowOf.TryGetValue(reference, out var row))
            {
                personId = _entries[row].PersonId;
                RemoveLocked(reference);
            }
            else if (!_dormant.Remove(reference, out personId))
            {
                return false;
            }

            if (current is null)
            {
                _dormant[reference] = personId;
            }
            else
            {
                AddLocked(current with { Ref = reference }, personId);
            }

            return true;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// The persons whose records <paramref name="record"/> (column name to value, any subset of the settings'
    /// columns) may belong to, as <see cref="Find"/> gives them with the default block cap.
    /// </summary>
    public Result<IReadOnlyList<PersonCandidate>> Match(IReadOnlyDictionary<string, string?> record, int limit, double minProbability)
    {
        var found = Find(record, limit, minProbability, DefaultMaxBlockRecords, null);
        return found.IsSuccess ? Result<IReadOnlyList<PersonCandidate>>.Success(found.Value.Candidates) : Result<IReadOnlyList<PersonCandidate>>.Failure(found.Errors);
    }

    /// <summary>
    /// The persons whose records <paramref name="record"/> (column name to value, any subset of the settings'
    /// columns) may belong to: every held record sharing a blocking key with it is scored, each person is represented
    /// by its best record, and persons from <paramref name="minProbability"/> up are returned, likeliest first, at
    /// most <paramref name="limit"/> (1 to <see cref="MaxLimit"/>). A rule whose block holds more than
    /// <paramref name="maxBlockRecords"/> records is left out and named in the result. Fails with
    /// <c>persons.match_unknown_column</c>, <c>persons.match_empty</c>, <c>persons.match_limit_invalid</c>,
    /// <c>persons.match_probability_invalid</c> or <c>persons.match_block_cap_invalid</c>. With
    /// <paramref name="datasetId"/>, only that dataset's records are candidates (a consumer matching under an agreement
    /// sees only the dataset it shares).
    /// </summary>
    public Result<PersonMatchResult> Find(IReadOnlyDictionary<string, string?> record, int limit, double minProbability, int maxBlockRecords, string? datasetId)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Validation("persons.match_limit_invalid", string.Create(CultureInfo.InvariantCulture, $"limit is 1 to {MaxLimit}."), "limit");
        }

        if (!(minProbability is >= 0 and < 1))
        {
            return Error.Validation("persons.match_probability_invalid", "minProbability is at least 0 and below 1.", "minProbability");
        }

        if (maxBlockRecords is < 1 or > MaxBlockRecordsLimit)
        {
            return Error.Validation("persons.match_block_cap_invalid", string.Create(CultureInfo.InvariantCulture, $"The block cap is 1 to {MaxBlockRecordsLimit:N0} records."), "maxBlockRecords");
        }

        if (record.Keys.FirstOrDefault(k => !_columnIndex.ContainsKey(k)) is { } unknown)
        {
            return Error.Validation("persons.match_unknown_column", $"'{unknown}' is not a column of the linkage settings.", "record");
        }

        var standard = new string?[_columns.Length];
        foreach (var (column, value) in record)
        {
            var c = _columnIndex[column];
            standard[c] = string.IsNullOrEmpty(value) ? null : Standardiser.Standardise(value, _roles[c]);
        }

        var keys = Keys(standard);
        if (keys.All(k => k is null))
        {
            return Error.Validation("persons.match_empty", "The record has no value any blocking rule can use, so no person can be proposed.", "record");
        }

        _gate.EnterReadLock();
        try
        {
            var candidates = new HashSet<int>();
            List<SkippedBlock>? skipped = null;
            for (var r = 0; r < keys.Length; r++)
            {
                if (keys[r] is not { } key || !_blocks[r].TryGetValue(key, out var rows))
                {
                    continue;
                }

                if (rows.Count > maxBlockRecords)
                {
                    (skipped ??= []).Add(new SkippedBlock(_ruleText[r], rows.Count));
                    continue;
                }

                if (datasetId is null)
                {
                    candidates.UnionWith(rows);
                    continue;
                }

                foreach (var row in rows)
                {
                    if (string.Equals(_entries[row].Ref.DatasetId, datasetId, StringComparison.Ordinal))
                    {
                        candidates.Add(row);
                    }
                }
            }

            int[] ordered = [.. candidates];
            Array.Sort(ordered);
            return new PersonMatchResult(Score(Prepare(standard), ordered, limit, minProbability), ordered.Length, skipped ?? (IReadOnlyList<SkippedBlock>)[]);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Every held record with the time its held version was recorded and its person.</summary>
    public IReadOnlyDictionary<RecordRef, (DateTimeOffset RecordedAt, string PersonId)> Snapshot()
    {
        _gate.EnterReadLock();
        try
        {
            return _rowOf.ToDictionary(p => p.Key, p => (_entries[p.Value].RecordedAt, _entries[p.Value].PersonId));
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Releases the lock that guards the index.</summary>
    public void Dispose() => _gate.Dispose();

    /// <summary>A value's share among the held records' values of comparison <paramref name="comparison"/>'s column; a value never seen counts once.</summary>
    internal double Frequency(int comparison, string value)
    {
        var held = _held[_comparisonColumn[comparison]];
        return Math.Max(1, held.Count(value)) / (double)Math.Max(1, held.Total);
    }

    // The query's values with their codes (a held value's are reused) and, per comparison, the term-frequency
    // adjustment its value takes at the adjusted level.
    private MatchQuery Prepare(string?[] standard)
    {
        var values = new ValueFeatures?[standard.Length];
        for (var c = 0; c < standard.Length; c++)
        {
            values[c] = standard[c] is { } value ? _held[c].Features(value) : null;
        }

        var tf = new float[_comparisons.Length];
        for (var c = 0; c < _comparisons.Length; c++)
        {
            var column = _comparisonColumn[c];
            if (_comparisons[c].TfLevel > 0 && column >= 0 && values[column] is { } value)
            {
                tf[c] = (float)Math.Log2(_model.Comparisons[c].Levels[_comparisons[c].TfLevel - 1].U / Frequency(c, value.Value));
            }
        }

        return new MatchQuery(values, tf);
    }

    // Each candidate's weight is summed straight from the held value ids; only the persons returned get a waterfall.
    private List<PersonCandidate> Score(MatchQuery query, int[] rows, int limit, double minProbability)
    {
        var best = new Dictionary<string, (int Row, double Probability)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var probability = ScoredPairs.ProbabilityOf(Weigh(query, row));
            var person = _entries[row].PersonId;
            if (probability < minProbability || (best.TryGetValue(person, out var held) && held.Probability >= probability))
            {
                continue;
            }

            best[person] = (row, probability);
        }

        return [.. best
            .OrderByDescending(p => p.Value.Probability)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(p => new PersonCandidate(p.Key, _entries[p.Value.Row].Ref, p.Value.Probability, Explain(query, p.Value.Row)))];
    }

    private double Weigh(MatchQuery query, int row)
    {
        double total = _model.PriorWeight;
        var at = row * _columns.Length;
        for (var c = 0; c < _comparisons.Length; c++)
        {
            var column = _comparisonColumn[c];
            var level = column < 0 ? (byte)0 : _comparisons[c].Level(query.Values[column], _held[column][_values[at + column]]);
            var tf = level != _comparisons[c].TfLevel ? 0f : query.Tf[c];
            total += _weights[c][level] + tf;
        }

        return total;
    }

    // The waterfall, step for step as the linkage engine explains a pair.
    private PairExplanation Explain(MatchQuery query, int row)
    {
        double total = _model.PriorWeight;
        var at = row * _columns.Length;
        var steps = new List<ExplanationStep>(_comparisons.Length);
        for (var c = 0; c < _comparisons.Length; c++)
        {
            var column = _comparisonColumn[c];
            var left = column < 0 ? null : query.Values[column];
            var right = column < 0 ? null : _held[column][_values[at + column]];
            var level = _comparisons[c].Level(left, right);
            var weight = _weights[c][level];
            var tf = level != _comparisons[c].TfLevel ? 0f : query.Tf[c];
            total += weight + tf;
            steps.Add(new ExplanationStep
            {
                Comparison = _comparisons[c].Settings.DisplayName,
                Level = _comparisons[c].LevelLabel(level),
                LeftValue = left?.Value,
                RightValue = right?.Value,
                Weight = weight,
                TfAdjustment = tf,
                RunningTotal = total,
            });
        }

        return new PairExplanation
        {
            LeftId = "query",
            RightId = _entries[row].Ref.ToString(),
            PriorWeight = _model.PriorWeight,
            Steps = steps,
            Weight = total,
            Probability = ScoredPairs.ProbabilityOf(total),
        };
    }

    private void AddLocked(HubRecord record, string personId)
    {
        var standard = new string?[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            var raw = record.Fields.GetValueOrDefault(_columns[c]);
            standard[c] = string.IsNullOrEmpty(raw) ? null : Standardiser.Standardise(raw, _roles[c]);
        }

        var keys = Keys(standard);
        var row = _entries.Count;
        _entries.Add(new Entry(record.Ref, personId, record.RecordedAt));
        for (var c = 0; c < _columns.Length; c++)
        {
            _values.Add(_held[c].Add(standard[c]));
        }

        _rowOf[record.Ref] = row;
        Count(personId, 1);
        for (var r = 0; r < keys.Length; r++)
        {
            if (keys[r] is { } key)
            {
                if (!_blocks[r].TryGetValue(key, out var rows))
                {
                    _blocks[r][key] = rows = [];
                }

                rows.Add(row);
            }
        }
    }

    // The slot stays (rows are positions in the block lists); its record leaves every block and count.
    private bool RemoveLocked(RecordRef reference)
    {
        if (!_rowOf.Remove(reference, out var row))
        {
            return false;
        }

        var at = row * _columns.Length;
        var standard = new string?[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            standard[c] = _held[c][_values[at + c]]?.Value;
        }

        var keys = Keys(standard);
        for (var r = 0; r < keys.Length; r++)
        {
            if (keys[r] is { } key && _blocks[r].TryGetValue(key, out var rows))
            {
                rows.Remove(row);
                if (rows.Count == 0)
                {
                    _blocks[r].Remove(key);
                }
            }
        }

        for (var c = 0; c < _columns.Length; c++)
        {
            _held[c].Release(_values[at + c]);
            _values[at + c] = -1;
        }

        Count(_entries[row].PersonId, -1);
        return true;
    }

    private void Count(string personId, int delta)
    {
        var count = _recordsOfPerson.GetValueOrDefault(personId) + delta;
        if (count <= 0)
        {
            _recordsOfPerson.Remove(personId);
        }
        else
        {
            _recordsOfPerson[personId] = count;
        }
    }

    // A rule's key joins its parts' codes (as blocking derives them from the standardised values); a missing part
    // puts the record in no block for that rule.
    private string?[] Keys(string?[] standard)
    {
        var keys = new string?[_rules.Length];
        for (var r = 0; r < _rules.Length; r++)
        {
            var parts = new List<string>(_rules[r].Keys.Count);
            foreach (var key in _rules[r].Keys)
            {
                var value = standard[_columnIndex[key.Column]];
                var code = value is null ? null : key.Transform switch
                {
                    BlockingKeyTransform.Value => value,
                    BlockingKeyTransform.First => EncodedColumn.Code(value, DerivedKey.First, key.Length),
                    BlockingKeyTransform.Soundex => EncodedColumn.Code(value, DerivedKey.Soundex, 0),
                    BlockingKeyTransform.Metaphone => EncodedColumn.Code(value, DerivedKey.MetaphonePrimary, 0),
                    BlockingKeyTransform.Year => EncodedColumn.Code(value, DerivedKey.Year, 0),
                    BlockingKeyTransform.Sector => EncodedColumn.Code(value, DerivedKey.Sector, 0),
                    _ => EncodedColumn.Code(value, DerivedKey.District, 0),
                };
                if (string.IsNullOrEmpty(code))
                {
                    parts.Clear();
                    break;
                }

                parts.Add(code);
            }

            keys[r] = parts.Count == 0 ? null : string.Join('\u001f', parts);
        }

        return keys;
    }

    private sealed record Entry(RecordRef Ref, string PersonId, DateTimeOffset RecordedAt);

    private sealed record MatchQuery(ValueFeatures?[] Values, float[] Tf);
}

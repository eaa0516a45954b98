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

    /// <summary>The most candidate records one match scores; a blocking key shared by more is too common to block on.</summary>
    public const int MaxCandidates = 5_000;

    private readonly LinkageSettings _settings;
    private readonly LinkageModel _model;
    private readonly LinkageEngine _engine;
    private readonly BlockingRule[] _rules;
    private readonly string[] _columns;
    private readonly ColumnRole[] _roles;
    private readonly Dictionary<string, int> _columnIndex;
    private readonly int[] _tfColumn;
    private readonly Dictionary<string, int>[] _tfCounts;
    private readonly long[] _tfTotals;
    private readonly Dictionary<string, List<int>>[] _blocks;
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<RecordRef, int> _rowOf = [];
    private readonly Dictionary<string, int> _recordsOfPerson = new(StringComparer.Ordinal);
    private readonly ReaderWriterLockSlim _gate = new();

    private PersonMatchIndex(LinkageSettings settings, LinkageModel model, BlockingRule[] rules)
    {
        _settings = settings with { LinkType = LinkType.Dedupe };
        _model = model;
        _engine = new LinkageEngine(_settings);
        _rules = rules;
        _columns = [.. settings.Columns.Select(c => c.Name).Where(c => c != settings.UniqueIdColumn)];
        _roles = [.. _columns.Select(c => settings.Columns.First(s => s.Name == c).Role)];
        _columnIndex = _columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        _tfColumn = [.. settings.Comparisons.Select(c => c.Levels.Any(l => l.Tf) && _columnIndex.TryGetValue(c.Column, out var i) ? i : -1)];
        _tfCounts = [.. _tfColumn.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        _tfTotals = new long[_tfColumn.Length];
        _blocks = [.. rules.Select(_ => new Dictionary<string, List<int>>(StringComparer.Ordinal))];
    }

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
            if (links.TryGetValue(record.Ref, out var person))
            {
                index.AddLocked(record, person);
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
            return RemoveLocked(reference);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// The persons whose records <paramref name="record"/> (column name to value, any subset of the settings'
    /// columns) may belong to: every held record sharing a blocking key with it is scored, each person is represented
    /// by its best record, and persons from <paramref name="minProbability"/> up are returned, likeliest first, at
    /// most <paramref name="limit"/> (1 to <see cref="MaxLimit"/>). Fails with <c>persons.match_unknown_column</c>,
    /// <c>persons.match_empty</c> or <c>persons.match_limit_invalid</c>.
    /// </summary>
    public Result<IReadOnlyList<PersonCandidate>> Match(IReadOnlyDictionary<string, string?> record, int limit, double minProbability)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (limit is < 1 or > MaxLimit)
        {
            return Result<IReadOnlyList<PersonCandidate>>.Failure(Error.Validation("persons.match_limit_invalid", string.Create(CultureInfo.InvariantCulture, $"limit is 1 to {MaxLimit}."), "limit"));
        }

        if (!(minProbability is >= 0 and < 1))
        {
            return Error.Validation("persons.match_probability_invalid", "minProbability is at least 0 and below 1.", "minProbability");
        }

        if (record.Keys.FirstOrDefault(k => !_columnIndex.ContainsKey(k)) is { } unknown)
        {
            return Error.Validation("persons.match_unknown_column", $"'{unknown}' is not a column of the linkage settings.", "record");
        }

        var raw = new string?[_columns.Length];
        foreach (var (column, value) in record)
        {
            raw[_columnIndex[column]] = value;
        }

        var keys = Keys(Standardise(raw));
        if (keys.All(k => k is null))
        {
            return Error.Validation("persons.match_empty", "The record has no value any blocking rule can use, so no person can be proposed.", "record");
        }

        _gate.EnterReadLock();
        try
        {
            var candidates = new HashSet<int>();
            for (var r = 0; r < keys.Length; r++)
            {
                if (keys[r] is { } key && _blocks[r].TryGetValue(key, out var rows) && rows.Count <= MaxCandidates - candidates.Count)
                {
                    candidates.UnionWith(rows);
                }
            }

            return Score(raw, [.. candidates.Order()], limit, minProbability);
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

    private Result<IReadOnlyList<PersonCandidate>> Score(string?[] query, int[] rows, int limit, double minProbability)
    {
        if (rows.Length == 0)
        {
            return Result<IReadOnlyList<PersonCandidate>>.Success([]);
        }

        // The query and its candidates form one small input, so comparison works exactly as in a run.
        var records = new List<HubRecord>(rows.Length + 1) { ToRecord("q", query) };
        records.AddRange(rows.Select((row, i) => ToRecord(i.ToString(CultureInfo.InvariantCulture), _entries[row].Raw)));
        using var source = new HubRecordSource(records, [.. _columns, _settings.UniqueIdColumn], _settings.UniqueIdColumn);
        var data = LinkageData.Load(_settings, [source], null, records.Count, CancellationToken.None);
        if (!data.IsSuccess)
        {
            return Result<IReadOnlyList<PersonCandidate>>.Failure(data.Errors);
        }

        var best = new Dictionary<string, PersonCandidate>(StringComparer.Ordinal);
        var explanations = _engine.ExplainAgainstAll(data.Value, _model, 0, Frequency);
        for (var i = 0; i < rows.Length; i++)
        {
            var explanation = explanations[i];
            var entry = _entries[rows[i]];
            if (explanation.Probability < minProbability || (best.TryGetValue(entry.PersonId, out var held) && held.Probability >= explanation.Probability))
            {
                continue;
            }

            best[entry.PersonId] = new PersonCandidate(entry.PersonId, entry.Ref, explanation.Probability, explanation with { LeftId = "query", RightId = entry.Ref.ToString() });
        }

        return Result<IReadOnlyList<PersonCandidate>>.Success([.. best.Values.OrderByDescending(c => c.Probability).ThenBy(c => c.PersonId, StringComparer.Ordinal).Take(limit)]);
    }

    // A value's share among the held records' values of the comparison's column; a value never seen counts once.
    private double Frequency(int comparison, string value) =>
        Math.Max(1, _tfCounts[comparison].GetValueOrDefault(value)) / (double)Math.Max(1, _tfTotals[comparison]);

    private HubRecord ToRecord(string key, string?[] raw)
    {
        var fields = new Dictionary<string, string?>(_columns.Length, StringComparer.Ordinal);
        for (var c = 0; c < _columns.Length; c++)
        {
            fields[_columns[c]] = raw[c];
        }

        return new HubRecord(new RecordRef("match", key), DateTimeOffset.UnixEpoch, fields);
    }

    private void AddLocked(HubRecord record, string personId)
    {
        var raw = new string?[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            raw[c] = record.Fields.GetValueOrDefault(_columns[c]);
        }

        var standard = Standardise(raw);
        var keys = Keys(standard);
        var row = _entries.Count;
        _entries.Add(new Entry(record.Ref, raw, keys, personId, record.RecordedAt));
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

        CountValues(standard, 1);
    }

    // The slot stays (rows are positions in the block lists); its record leaves every block and count.
    private bool RemoveLocked(RecordRef reference)
    {
        if (!_rowOf.Remove(reference, out var row))
        {
            return false;
        }

        var entry = _entries[row];
        for (var r = 0; r < entry.Keys.Length; r++)
        {
            if (entry.Keys[r] is { } key && _blocks[r].TryGetValue(key, out var rows))
            {
                rows.Remove(row);
                if (rows.Count == 0)
                {
                    _blocks[r].Remove(key);
                }
            }
        }

        CountValues(Standardise(entry.Raw), -1);
        Count(entry.PersonId, -1);
        _entries[row] = entry with { Keys = [] };
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

    private void CountValues(string?[] standard, int delta)
    {
        for (var c = 0; c < _tfColumn.Length; c++)
        {
            if (_tfColumn[c] >= 0 && standard[_tfColumn[c]] is { } value)
            {
                var count = _tfCounts[c].GetValueOrDefault(value) + delta;
                if (count <= 0)
                {
                    _tfCounts[c].Remove(value);
                }
                else
                {
                    _tfCounts[c][value] = count;
                }

                _tfTotals[c] += delta;
            }
        }
    }

    private string?[] Standardise(string?[] raw)
    {
        var standard = new string?[raw.Length];
        for (var c = 0; c < raw.Length; c++)
        {
            standard[c] = string.IsNullOrEmpty(raw[c]) ? null : Standardiser.Standardise(raw[c], _roles[c]);
        }

        return standard;
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

    private sealed record Entry(RecordRef Ref, string?[] Raw, string?[] Keys, string PersonId, DateTimeOffset RecordedAt);
}

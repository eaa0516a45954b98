using System.Globalization;
using System.Text;
using System.Text.Json;
using Concordat.Core.Catalogue;
using Concordat.Core.Quality.Internal;

namespace Concordat.Core.Quality;

/// <summary>
/// Profiles a dataset's records in one streaming pass and evaluates its quality rules on the way. Memory is bounded
/// by <see cref="ProfileOptions"/> (plus, for <c>unique</c> rules, 8 bytes per distinct value), never by whole
/// columns of values. Feed every record with <see cref="Add(ReadOnlySpan{byte}, string, DateTimeOffset)"/> or
/// <see cref="AddRow"/>, then call <see cref="Complete"/> once. Not thread safe.
/// </summary>
public sealed class DatasetProfiler
{
    private const int BatchSize = 2048;

    // The reading thread also reads the store and parses JSON (about 1.4 s of CPU a million records), so the worker
    // takes the larger share of the rest; measured with the bench "profile" mode's critical-path line.
    private const double WorkerShare = 0.7;

    private readonly Dataset _dataset;
    private readonly DateTimeOffset _now;
    private readonly FieldAccumulator[] _fields;
    private readonly RuleEvaluator[] _rowRules;
    private readonly List<QualityRule> _datasetRules = [];
    private readonly List<QualityRule> _order;
    private readonly byte[][] _names;
    private readonly ValueCache[] _caches;
    private readonly RowBatch[] _batches;
    private readonly ProfilePartition _local;
    private readonly ProfilePartition? _worker;
    private int _current;
    private Task? _pending;
    private long _rows;
    private DateTimeOffset? _newest;
    private bool _completed;

    /// <summary>Creates a profiler for one pass over <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The dataset; its current schema decides the fields profiled.</param>
    /// <param name="now">The moment of profiling: freshness and date-of-birth plausibility are measured from it.</param>
    /// <param name="options">Sketch bounds; <see cref="ProfileOptions.Default"/> when null.</param>
    /// <param name="rules">Rules to evaluate, already checked against the schema; none when null.</param>
    /// <param name="references">The looked-up values for each referential rule; a rule without them reports an error.</param>
    public DatasetProfiler(
        Dataset dataset,
        DateTimeOffset now,
        ProfileOptions? options = null,
        QualityRuleSet? rules = null,
        Func<QualityRule, ReferenceValues?>? references = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= ProfileOptions.Default;
        _dataset = dataset;
        _now = now;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var fields = dataset.Schema.Fields;
        _fields = [.. fields.Select(f => new FieldAccumulator(f, options, today))];
        _names = [.. fields.Select(f => Encoding.UTF8.GetBytes(f.Name))];
        _caches = [.. fields.Select(_ => new ValueCache())];
        _batches = [new RowBatch(BatchSize, fields.Count), new RowBatch(BatchSize, fields.Count)];
        _order = [.. rules?.Rules ?? []];
        var rowRules = new List<RuleEvaluator>();
        foreach (var rule in _order)
        {
            if (RuleTypeNames.IsDatasetRule(rule.Type))
            {
                _datasetRules.Add(rule);
            }
            else
            {
                rowRules.Add(new RuleEvaluator(rule, dataset.Schema, options, rule.Type == RuleType.Referential ? references?.Invoke(rule)?.Hashes : null));
            }
        }

        _rowRules = [.. rowRules];

        // Two cores or more: a worker thread takes about half the per-value work while this thread reads and parses.
        if (Environment.ProcessorCount > 1)
        {
            (_local, var worker) = ProfilePartition.Split(_fields, _rowRules, WorkerShare);
            _worker = worker.IsEmpty ? null : worker;
        }
        else
        {
            _local = ProfilePartition.All(_fields, _rowRules);
        }
    }

    /// <summary>Records added so far.</summary>
    public long Rows => _rows;

    /// <summary>Adds one record given as its stored JSON payload (UTF-8); properties the schema lacks are ignored.</summary>
    /// <param name="payloadUtf8">The record's fields as a JSON object; absent or null properties are nulls.</param>
    /// <param name="key">The record key, quoted in rule failure examples.</param>
    /// <param name="recordedAt">When this version of the record was written, for freshness.</param>
    /// <exception cref="JsonException">The payload is not a JSON object.</exception>
    public void Add(ReadOnlySpan<byte> payloadUtf8, string key, DateTimeOffset recordedAt)
    {
        var batch = _batches[_current];
        var row = batch.Rows[batch.Count];
        Array.Clear(row);
        var reader = new Utf8JsonReader(payloadUtf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A record payload must be a JSON object.");
        }

        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = FindField(ref reader, next);
            reader.Read();
            if (index < 0)
            {
                reader.Skip();
                continue;
            }

            next = index + 1;
            row[index] = reader.TokenType switch
            {
                JsonTokenType.String => reader.ValueIsEscaped ? reader.GetString() : _caches[index].Decode(reader.ValueSpan),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                JsonTokenType.Null => null,
                _ => Skip(ref reader),
            };
        }

        Append(key, recordedAt);
    }

    /// <summary>Adds one record given as values in schema field order (null for a missing value).</summary>
    public void AddRow(IReadOnlyList<string?> values, string key, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(key);
        if (values.Count != _fields.Length)
        {
            throw new ArgumentException($"Expected {_fields.Length} values, one per schema field.", nameof(values));
        }

        var batch = _batches[_current];
        var row = batch.Rows[batch.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = values[i];
        }

        Append(key, recordedAt);
    }

    /// <summary>Finishes the pass and builds the profile. Call once.</summary>
    /// <param name="trigger">Why the profile was taken.</param>
    /// <param name="runId">The ingest run it follows, if any.</param>
    /// <param name="duplicateKeyRate">Share of the latest run's rows that repeated a key, if known.</param>
    public QualityProfile Complete(ProfileTrigger trigger, long? runId, double? duplicateKeyRate)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The profile is already complete.");
        }

        _completed = true;
        Flush();
        _pending?.GetAwaiter().GetResult();
        _pending = null;
        var results = new Dictionary<QualityRule, RuleResult>(ReferenceEqualityComparer.Instance);
        foreach (var evaluator in _rowRules)
        {
            results.Add(evaluator.Rule, evaluator.Result());
        }

        var fields = new List<FieldProfile>(_fields.Length);
        foreach (var field in _fields)
        {
            var passRates = _rowRules.Where(r => r.Rule.Field == field.Field.Name && r.PassRate is not null).Select(r => r.PassRate!.Value).ToList();
            fields.Add(field.ToProfile(passRates.Count == 0 ? null : passRates.Average()));
        }

        double? freshness = _newest is null ? null : Math.Max(0, (_now - _newest.Value).TotalSeconds);
        var datasetPassed = 0;
        foreach (var rule in _datasetRules)
        {
            var result = DatasetRule(rule, freshness);
            datasetPassed += result.Status == RuleStatus.Passed ? 1 : 0;
            results.Add(rule, result);
        }

        var completeness = _rows == 0 || fields.Count == 0 ? (double?)null : fields.Average(f => f.Completeness ?? 0);
        double? datasetRulePass = _datasetRules.Count == 0 ? null : (double)datasetPassed / _datasetRules.Count;
        return new QualityProfile
        {
            DatasetId = _dataset.Id,
            RunId = runId,
            Trigger = trigger,
            ProfiledAt = _now,
            SchemaVersion = _dataset.SchemaVersion,
            Rows = _rows,
            Fields = fields,
            DuplicateKeyRate = duplicateKeyRate,
            NewestRecordAt = _newest,
            FreshnessSeconds = freshness,
            Completeness = completeness,
            Score = _rows == 0 ? null : QualityScore.ForDataset(fields.Select(f => f.Score), duplicateKeyRate, datasetRulePass),
            Rules = [.. _order.Select(r => results[r])],
            Note = _rows == 0 ? "The dataset has no current records, so there is nothing to measure." : null,
        };
    }

    private void Append(string key, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_completed)
        {
            throw new InvalidOperationException("The profile is already complete.");
        }

        var batch = _batches[_current];
        batch.Keys[batch.Count] = key;
        batch.Count++;
        _rows++;
        if (_newest is null || recordedAt > _newest)
        {
            _newest = recordedAt;
        }

        if (batch.IsFull)
        {
            Flush();
        }
    }

    private void Flush()
    {
        var batch = _batches[_current];
        if (batch.Count == 0)
        {
            return;
        }

        // The worker must be done with the other batch (its previous one) before this batch starts and before the
        // other batch is refilled; alternating two batches keeps reading and the worker overlapped.
        _pending?.GetAwaiter().GetResult();
        _pending = _worker is null ? null : Task.Run(() => _worker.Process(batch));
        _local.Process(batch);
        _current = 1 - _current;
        _batches[_current].Count = 0;
    }

    private RuleResult DatasetRule(QualityRule rule, double? freshnessSeconds)
    {
        bool passed;
        string message;
        if (rule.Type == RuleType.RowCount)
        {
            var min = rule.Min is null ? 0 : long.Parse(rule.Min, CultureInfo.InvariantCulture);
            var max = rule.Max is null ? long.MaxValue : long.Parse(rule.Max, CultureInfo.InvariantCulture);
            passed = _rows >= min && _rows <= max;
            message = $"The dataset has {_rows.ToString("N0", CultureInfo.InvariantCulture)} records; expected {rule.Min ?? "0"} to {rule.Max ?? "any number"}.";
        }
        else
        {
            var limit = rule.MaxAgeDays!.Value;
            passed = freshnessSeconds is { } age && age <= limit * 86_400;
            message = freshnessSeconds is { } seconds
                ? $"The newest record is {(seconds / 86_400).ToString("0.##", CultureInfo.InvariantCulture)} days old; expected at most {limit.ToString(CultureInfo.InvariantCulture)}."
                : "The dataset has no records, so it has no newest record.";
        }

        return new RuleResult
        {
            Rule = rule.Describe(),
            Type = RuleTypeNames.Name(rule.Type),
            Severity = rule.Severity,
            Status = passed ? RuleStatus.Passed : RuleStatus.Failed,
            Checked = 1,
            Failed = passed ? 0 : 1,
            FailureRate = passed ? 0 : 1,
            Message = message,
        };
    }

    private int FindField(ref Utf8JsonReader reader, int expected)
    {
        // Stored payloads list fields in schema order, so the next field is nearly always the one expected.
        for (var i = expected; i < _names.Length; i++)
        {
            if (reader.ValueTextEquals(_names[i]))
            {
                return i;
            }
        }

        for (var i = 0; i < expected && i < _names.Length; i++)
        {
            if (reader.ValueTextEquals(_names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}

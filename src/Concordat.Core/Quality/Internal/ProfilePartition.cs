using Concordat.Core.Catalogue;

namespace Concordat.Core.Quality.Internal;

/// <summary>
/// A share of a profile's work (some fields' accumulators and some rules) that one thread runs over each batch, in
/// batch order, so every accumulator and rule still sees rows in order. Not thread safe: one thread at a time.
/// </summary>
internal sealed class ProfilePartition
{
    private readonly int[] _indexes;
    private readonly FieldAccumulator[] _fields;
    private readonly RuleEvaluator[] _rules;

    private ProfilePartition(List<(int Index, FieldAccumulator Field)> fields, List<RuleEvaluator> rules)
    {
        _indexes = [.. fields.Select(f => f.Index)];
        _fields = [.. fields.Select(f => f.Field)];
        _rules = [.. rules];
    }

    public bool IsEmpty => _fields.Length == 0 && _rules.Length == 0;

    /// <summary>
    /// Splits the work in two by a rough cost model so that <paramref name="workerShare"/> of it runs on a worker
    /// thread; the rest runs on the reading thread, which also parses the rows.
    /// </summary>
    public static (ProfilePartition Local, ProfilePartition Worker) Split(FieldAccumulator[] fields, RuleEvaluator[] rules, double workerShare)
    {
        var items = new List<(double Cost, int Index, FieldAccumulator? Field, RuleEvaluator? Rule)>();
        for (var i = 0; i < fields.Length; i++)
        {
            items.Add((Cost(fields[i].Field), i, fields[i], null));
        }

        foreach (var rule in rules)
        {
            items.Add((Cost(rule.Rule), -1, null, rule));
        }

        var total = items.Sum(i => i.Cost);
        var localFields = new List<(int, FieldAccumulator)>();
        var workerFields = new List<(int, FieldAccumulator)>();
        var localRules = new List<RuleEvaluator>();
        var workerRules = new List<RuleEvaluator>();
        double worker = 0;
        double local = 0;

        // Greedy, dearest first: each item goes to whichever side is further below its target share.
        foreach (var item in items.OrderByDescending(i => i.Cost))
        {
            var toWorker = worker / (total * workerShare) <= local / (total * (1 - workerShare));
            if (toWorker)
            {
                worker += item.Cost;
            }
            else
            {
                local += item.Cost;
            }

            if (item.Field is not null)
            {
                (toWorker ? workerFields : localFields).Add((item.Index, item.Field));
            }
            else
            {
                (toWorker ? workerRules : localRules).Add(item.Rule!);
            }
        }

        // Rule order within a partition does not matter (each rule keeps its own state); field order neither.
        return (new ProfilePartition(localFields, localRules), new ProfilePartition(workerFields, workerRules));
    }

    /// <summary>Everything on one thread.</summary>
    public static ProfilePartition All(FieldAccumulator[] fields, RuleEvaluator[] rules) =>
        new([.. fields.Select((f, i) => (i, f))], [.. rules]);

    public void Process(RowBatch batch)
    {
        var rows = batch.Rows;
        var count = batch.Count;
        for (var f = 0; f < _fields.Length; f++)
        {
            var field = _fields[f];
            var index = _indexes[f];
            for (var r = 0; r < count; r++)
            {
                field.Add(rows[r][index]);
            }
        }

        foreach (var rule in _rules)
        {
            for (var r = 0; r < count; r++)
            {
                rule.Observe(rows[r], batch.Keys[r]);
            }
        }
    }

    private static double Cost(SchemaField field) =>
        3
        + (field.PersonalData == PersonalDataCategory.None ? 1 : 0)
        + (field.Identifier != IdentifierKind.None || field.Type != FieldType.String ? 1 : 0);

    private static double Cost(QualityRule rule) => rule.Type switch
    {
        RuleType.MatchesRegex => 3,
        RuleType.Unique or RuleType.CrossField or RuleType.Referential or RuleType.InRange => 2,
        _ => 1,
    };
}

using System.Globalization;
using Concordat.Core.Linkage.Internal;

namespace Concordat.Core.Linkage;

/// <summary>
/// The Fellegi-Sunter linkage engine for one settings file: trains a model without labels, scores blocked pairs,
/// and explains a pair's weight. Stateless apart from the settings; thread safe.
/// </summary>
public sealed class LinkageEngine
{
    private readonly LinkageSettings _settings;
    private readonly HashSet<string> _columnNames;

    /// <summary>Creates an engine; the settings must validate.</summary>
    public LinkageEngine(LinkageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.ValidateShape();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The settings do not validate: " + errors[0].Message, nameof(settings));
        }

        _settings = settings;
        _columnNames = settings.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The settings.</summary>
    public LinkageSettings Settings => _settings;

    /// <summary>
    /// Trains a model: u from random pairs, the prior from the deterministic rules, m by expectation-maximisation
    /// over each training rule's pairs. Fails with <c>linkage.pair_budget_exceeded</c> before any pair is built when
    /// a deterministic rule would yield more pairs than the budget.
    /// </summary>
    public Result<LinkageModel> Train(LinkageData data, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var comparisons = Compile(data);
        var matrix = new RecordMatrix(comparisons, data.RecordCount);
        var warnings = new List<string>();
        var seed = (ulong)_settings.Seed;

        progress?.Report("Estimating u from random pairs");
        var u = EstimateU(data, comparisons, matrix, seed, warnings, cancellationToken);

        progress?.Report("Estimating the prior from deterministic rules");
        var lambdaResult = EstimatePrior(data, warnings, cancellationToken);
        if (!lambdaResult.IsSuccess)
        {
            return Result<LinkageModel>.Failure(lambdaResult.Errors);
        }

        var initial = comparisons.Select(c => InitialM(c.LevelCount)).ToArray();
        var sums = comparisons.Select(c => new double[c.LevelCount]).ToArray();
        var estimates = new int[comparisons.Length];
        foreach (var text in _settings.TrainingBlockingRules ?? _settings.BlockingRules)
        {
            var rule = ParseRule(text);
            progress?.Report($"Expectation-maximisation on '{rule.Text}'");
            var (keys, keyCount) = Blocker.Keys(data, rule);
            var groups = new BlockGroups(keys, keyCount);
            var estimate = Blocker.Estimate(groups, data.Sources, _settings.LinkType, data.InputCount);
            if (estimate == 0)
            {
                warnings.Add($"Training rule '{rule.Text}' finds no pairs.");
                continue;
            }

            var keep = Math.Min(1.0, (double)_settings.MaxTrainingPairs / estimate);
            var (left, right) = Blocker.Pairs(groups, EarlierRules.None, data.Sources, _settings.LinkType, keep, seed, cancellationToken);
            var levels = LevelMatrix.Compute(comparisons, matrix, left, right, left.Length, cancellationToken);
            var counts = PatternCounts.From(levels, comparisons.Length, left.Length);
            var columns = rule.ColumnNames.ToHashSet(StringComparer.Ordinal);
            var included = comparisons.Select(c => !columns.Contains(c.Column.Name)).ToArray();
            var (m, _, _) = ExpectationMaximisation.Run(counts, initial, u, included, _settings.MaxIterations);
            for (var c = 0; c < comparisons.Length; c++)
            {
                if (m[c] is { } mc)
                {
                    estimates[c]++;
                    for (var l = 0; l < mc.Length; l++)
                    {
                        sums[c][l] += mc[l];
                    }
                }
            }
        }

        var models = new List<ComparisonModel>();
        for (var c = 0; c < comparisons.Length; c++)
        {
            var comparison = comparisons[c];
            var trained = estimates[c] > 0;
            if (!trained)
            {
                warnings.Add($"Comparison '{comparison.Settings.DisplayName}' was left out of every training rule; its m-probabilities are defaults. Add a training rule that does not use column '{comparison.Column.Name}'.");
            }

            var levels = new List<LevelModel>();
            for (var l = 1; l < comparison.LevelCount; l++)
            {
                var m = trained ? sums[c][l] / estimates[c] : initial[c][l];
                levels.Add(new LevelModel
                {
                    Label = comparison.LevelLabel(l),
                    // A floor on m keeps one unseen disagreement from vetoing a match outright (at most about -13 bits).
                    M = Math.Clamp(m, 1e-4, 1 - 1e-6),
                    U = Math.Clamp(u[c][l], 1e-9, 1 - 1e-9),
                    MTrained = trained,
                });
            }

            models.Add(new ComparisonModel { Name = comparison.Settings.DisplayName, Column = comparison.Column.Name, Levels = levels });
        }

        return new LinkageModel
        {
            ProbabilityTwoRandomRecordsMatch = lambdaResult.Value,
            Comparisons = models,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// Pairs each prediction blocking rule would yield (before removing pairs found by earlier rules), so a user can
    /// see the cost before running; cheap (no pair is built).
    /// </summary>
    public IReadOnlyList<(string Rule, long Pairs)> EstimatePairs(LinkageData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return [.. _settings.BlockingRules.Select(text =>
        {
            var rule = ParseRule(text);
            var (keys, keyCount) = Blocker.Keys(data, rule);
            return (rule.Text, Blocker.Estimate(new BlockGroups(keys, keyCount), data.Sources, _settings.LinkType, data.InputCount));
        })];
    }

    /// <summary>
    /// Fails with <c>linkage.pair_budget_exceeded</c>, naming each rule's estimate, when the prediction rules would
    /// yield more pairs than the settings' budget; cheap, so callers check before training.
    /// </summary>
    public Error? CheckPairBudget(LinkageData data)
    {
        var estimates = EstimatePairs(data);
        return CheckBudget([.. _settings.BlockingRules.Select(ParseRule)], [.. estimates.Select(e => e.Pairs)]);
    }

    /// <summary>
    /// Blocks with every prediction rule (OR-ed, each pair once) and scores each pair, keeping every pair. Refuses
    /// with <c>linkage.pair_budget_exceeded</c>, naming the estimate per rule, when the rules would yield more pairs
    /// than the settings' budget; nothing is built in that case.
    /// </summary>
    public Result<ScoredPairs> Predict(LinkageData data, LinkageModel model, CancellationToken cancellationToken = default) =>
        Predict(data, model, new PredictOptions(), cancellationToken);

    /// <summary>
    /// Like <see cref="Predict(LinkageData, LinkageModel, CancellationToken)"/>, but keeps only pairs with at least one
    /// row marked in <paramref name="involving"/> (incremental linking of new records against existing ones).
    /// </summary>
    public Result<ScoredPairs> Predict(LinkageData data, LinkageModel model, bool[]? involving, CancellationToken cancellationToken = default) =>
        Predict(data, model, new PredictOptions { Involving = involving }, cancellationToken);

    /// <summary>
    /// Blocks with every prediction rule (OR-ed, each pair once) and scores each candidate pair as it is found,
    /// keeping the pairs <paramref name="options"/> asks for; memory grows with the pairs kept, not the candidates.
    /// Refuses with <c>linkage.pair_budget_exceeded</c>, naming the estimate per rule, when the rules would yield
    /// more pairs than the settings' budget; nothing is built in that case.
    /// </summary>
    public Result<ScoredPairs> Predict(LinkageData data, LinkageModel model, PredictOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var mismatch = model.CheckAgainst(_settings);
        if (mismatch.Count > 0)
        {
            return Result<ScoredPairs>.Failure(mismatch);
        }

        if (options.Involving is { } marked && marked.Count != data.RecordCount)
        {
            throw new ArgumentException("Involving must mark every record.", nameof(options));
        }

        var involving = options.Involving is null ? null : options.Involving as bool[] ?? [.. options.Involving];
        var comparisons = Compile(data);
        var rules = _settings.BlockingRules.Select(ParseRule).ToArray();
        var keys = new int[rules.Length][];
        var keyCounts = new int[rules.Length];
        var estimates = new long[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            (keys[r], keyCounts[r]) = Blocker.Keys(data, rules[r]);
            estimates[r] = Blocker.Estimate(new BlockGroups(keys[r], keyCounts[r]), data.Sources, _settings.LinkType, data.InputCount);
        }

        var budgetError = CheckBudget(rules, estimates);
        if (budgetError is not null)
        {
            return budgetError;
        }

        // Records, the row-major ids, every rule's keys and one rule's grouping stay in memory throughout.
        var resident = ScoringFootprint(data, comparisons.Length, rules.Length);
        if (options.MemoryLimit is { } limit && resident > limit)
        {
            return Error.Validation(
                "linkage.memory_limit_exceeded",
                string.Create(CultureInfo.InvariantCulture, $"Scoring {data.RecordCount:N0} records needs about {resident / 1e9:N1} GB (the records take {data.MemoryBytes / 1e9:N1} GB), more than the memory limit of {limit / 1e9:N1} GB. Raise the limit or split the input."));
        }

        // Every rule's keys row-major (to skip pairs an earlier rule found), and one rule's groups at a time, so
        // blocking holds about one int per record and rule plus one rule's grouping.
        var earlier = EarlierRules.From(keys, data.RecordCount);
        Array.Clear(keys);
        var scorer = new PairScorer(comparisons, new RecordMatrix(comparisons, data.RecordCount), model, options.KeepFrom);
        var sinks = new List<PairScorer.Sink>();
        var perRule = new long[rules.Length];
        PairSpill? spill = null;
        for (var r = 0; r < rules.Length; r++)
        {
            var groups = new BlockGroups(earlier.KeysOf(r), keyCounts[r]);
            var found = Blocker.Scan(groups, earlier.Before(r), data.Sources, _settings.LinkType, involving, scorer.CreateSink, cancellationToken);
            perRule[r] = found.Sum(s => s.Seen);
            sinks.AddRange(found);
            if (options.MemoryLimit is { } bound && resident + sinks.Sum(s => s.KeptBytes) > bound)
            {
                // Kept pairs beyond the bound go to disk, in order, ahead of those still in memory.
                spill ??= new PairSpill(options.SpillDirectory ?? Path.GetTempPath(), comparisons.Length);
                foreach (var sink in sinks)
                {
                    sink.SpillTo(spill);
                }
            }
        }

        return PairScorer.Collect(sinks, scorer.Width, perRule, options.KeepFrom, spill);
    }

    /// <summary>
    /// Groups the records into clusters from the pairs at or above <paramref name="threshold"/> (a match
    /// probability), by <paramref name="method"/>; average linkage weighs every pair inside a component with the model.
    /// </summary>
    public LinkageClusters Cluster(LinkageData data, LinkageModel model, ScoredPairs pairs, double threshold, ClusterMethod method)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pairs);
        if (method == ClusterMethod.ConnectedComponents)
        {
            return LinkageClusters.Build(pairs, data.RecordCount, threshold);
        }

        var weigher = new PairWeigher(Compile(data), model);
        var sources = data.Sources;
        var link = _settings.LinkType == LinkType.Link;

        // Under link, records of one input are never compared, so their pair counts as unknown.
        return LinkageClusters.BuildAverageLinkage(pairs, data.RecordCount, threshold, (a, b) => link && sources[a] == sources[b] ? double.NaN : weigher.Weigh(a, b));
    }

    /// <summary>
    /// The false links the model expects in <paramref name="clusters"/>: every pair of records sharing a cluster is
    /// weighed, its chance of being a match taken as the larger of its own probability and that of its likeliest chain
    /// of matches through the cluster, and one minus that chance summed (clusters of more than
    /// <see cref="LinkageClusters.MaxRescoredComponent"/> records are counted apart, not weighed).
    /// </summary>
    public ClusterEstimate EstimateClusters(LinkageData data, LinkageModel model, LinkageClusters clusters)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(clusters);
        var members = new List<int>?[clusters.Count];
        for (var row = 0; row < data.RecordCount; row++)
        {
            (members[clusters.Of(row)] ??= []).Add(row);
        }

        var weigher = new PairWeigher(Compile(data), model);
        var link = _settings.LinkType == LinkType.Link;
        long pairs = 0;
        long skipped = 0;
        double falseLinks = 0;
        var gate = new object();
        Parallel.ForEach(members, () => (Pairs: 0L, False: 0.0, Skipped: 0L), (rows, _, local) =>
        {
            if (rows is null || rows.Count < 2)
            {
                return local;
            }

            if (rows.Count > LinkageClusters.MaxRescoredComponent)
            {
                return (local.Pairs, local.False, local.Skipped + 1);
            }

            var k = rows.Count;
            var match = new double[k * k];
            for (var i = 0; i < k; i++)
            {
                match[(i * k) + i] = 1;
                for (var j = i + 1; j < k; j++)
                {
                    var same = link && data.Sources[rows[i]] == data.Sources[rows[j]];
                    match[(i * k) + j] = match[(j * k) + i] = same ? 0 : ScoredPairs.ProbabilityOf(weigher.Weigh(rows[i], rows[j]));
                }
            }

            // Two records are one person when they match directly or through a chain of matches, so a pair's chance
            // is at least that of its likeliest chain (the product along it). Without this, two copies that each
            // lost a different field look unlike each other although both plainly match a third (Floyd-Warshall on
            // products, which never exceed 1).
            for (var m = 0; m < k; m++)
            {
                for (var i = 0; i < k; i++)
                {
                    var im = match[(i * k) + m];
                    if (im == 0)
                    {
                        continue;
                    }

                    for (var j = 0; j < k; j++)
                    {
                        var through = im * match[(m * k) + j];
                        if (through > match[(i * k) + j])
                        {
                            match[(i * k) + j] = through;
                        }
                    }
                }
            }

            for (var i = 0; i < k; i++)
            {
                for (var j = i + 1; j < k; j++)
                {
                    if (link && data.Sources[rows[i]] == data.Sources[rows[j]])
                    {
                        continue;
                    }

                    local.Pairs++;
                    local.False += 1 - match[(i * k) + j];
                }
            }

            return local;
        }, local =>
        {
            lock (gate)
            {
                pairs += local.Pairs;
                falseLinks += local.False;
                skipped += local.Skipped;
            }
        });

        return new ClusterEstimate(pairs, falseLinks, pairs == 0 ? 1 : 1 - (falseLinks / pairs), (int)skipped);
    }

    /// <summary>The weight of every comparison of one pair of rows, with the running total (a waterfall).</summary>
    public PairExplanation Explain(LinkageData data, LinkageModel model, int left, int right) => Explain(data, model, left, right, null);

    /// <summary>
    /// As <see cref="Explain(LinkageData, LinkageModel, int, int)"/>, with term frequencies taken from
    /// <paramref name="frequency"/> (comparison index and standardised value to the value's share of a population)
    /// instead of from <paramref name="data"/>, for a few records compared against a population held elsewhere.
    /// </summary>
    internal PairExplanation Explain(LinkageData data, LinkageModel model, int left, int right, Func<int, string, double>? frequency)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        var comparisons = Compile(data);
        return Explain(data, model, comparisons, WeightTable.Build(comparisons, model), left, right, frequency);
    }

    /// <summary>Explains row <paramref name="left"/> against every other row of <paramref name="data"/>, compiling the comparisons once.</summary>
    internal PairExplanation[] ExplainAgainstAll(LinkageData data, LinkageModel model, int left, Func<int, string, double>? frequency)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        var comparisons = Compile(data);
        var table = WeightTable.Build(comparisons, model);
        var explanations = new PairExplanation[data.RecordCount - 1];
        for (int right = 0, i = 0; right < data.RecordCount; right++)
        {
            if (right != left)
            {
                explanations[i++] = Explain(data, model, comparisons, table, left, right, frequency);
            }
        }

        return explanations;
    }

    private static PairExplanation Explain(LinkageData data, LinkageModel model, CompiledComparison[] comparisons, WeightTable table, int left, int right, Func<int, string, double>? frequency)
    {
        var total = model.PriorWeight;
        var steps = new List<ExplanationStep>();
        for (var c = 0; c < comparisons.Length; c++)
        {
            var comparison = comparisons[c];
            var level = comparison.Level(left, right);
            var weight = table.Level[c][level];
            var tf = level != comparison.TfLevel ? 0f
                : frequency is null ? table.Tf[c]![comparison.ValueId(left)]
                : (float)Math.Log2(model.Comparisons[c].Levels[level - 1].U / frequency(c, data.Value(left, comparison.Column.Name)!));
            total += weight + tf;
            steps.Add(new ExplanationStep
            {
                Comparison = comparison.Settings.DisplayName,
                Level = comparison.LevelLabel(level),
                LeftValue = data.Value(left, comparison.Column.Name),
                RightValue = data.Value(right, comparison.Column.Name),
                Weight = weight,
                TfAdjustment = tf,
                RunningTotal = total,
            });
        }

        return new PairExplanation
        {
            LeftId = data.UniqueId(left),
            RightId = data.UniqueId(right),
            PriorWeight = model.PriorWeight,
            Steps = steps,
            Weight = total,
            Probability = ScoredPairs.ProbabilityOf(total),
        };
    }

    /// <summary>
    /// Bytes a prediction run holds besides the pairs it keeps: the records, the row-major value ids the scorer reads,
    /// every blocking rule's key row-major, and one rule's keys and grouping at a time.
    /// </summary>
    public long EstimateScoringBytes(LinkageData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ScoringFootprint(data, _settings.Comparisons.Count, _settings.BlockingRules.Count);
    }

    private static long ScoringFootprint(LinkageData data, int comparisons, int rules) =>
        data.MemoryBytes + (4L * data.RecordCount * (comparisons + rules + 3));

    private Error? CheckBudget(BlockingRule[] rules, long[] estimates)
    {
        var total = estimates.Sum();
        if (total <= _settings.PairBudget)
        {
            return null;
        }

        var detail = string.Join("; ", rules.Select((r, i) => string.Create(CultureInfo.InvariantCulture, $"'{r.Text}' {estimates[i]:N0}")));
        return Error.Validation(
            "linkage.pair_budget_exceeded",
            string.Create(CultureInfo.InvariantCulture, $"The blocking rules would compare about {total:N0} pairs, more than the budget of {_settings.PairBudget:N0} ({detail}). Make the largest rule stricter or raise pairBudget."));
    }

    private double[][] EstimateU(LinkageData data, CompiledComparison[] comparisons, RecordMatrix matrix, ulong seed, List<string> warnings, CancellationToken cancellationToken)
    {
        // The pairs are drawn as every pair within small random groups of records rather than one pair at a time:
        // each record's values are then read once for dozens of pairs instead of once per pair, which turns a
        // million cache misses into a few thousand. With groups this small the estimate's variance stays close to
        // that of independent pairs.
        const int groupSize = 64;
        var n = data.RecordCount;
        var target = _settings.USamplePairs;
        var left = new int[target];
        var right = new int[target];
        var state = seed ^ 0x5553414D504C45UL;
        var made = 0;
        var group = new int[Math.Min(groupSize, n)];
        var rounds = 0L;
        while (made < target && rounds < 20L * target)
        {
            for (var i = 0; i < group.Length; i++)
            {
                state += 0x9E3779B97F4A7C15UL;
                group[i] = (int)(Blocker.Mix(state) % (ulong)n);
            }

            for (var i = 0; i < group.Length && made < target; i++)
            {
                for (var j = i + 1; j < group.Length && made < target; j++)
                {
                    rounds++;
                    var (a, b) = (group[i], group[j]);
                    if (a == b || (_settings.LinkType == LinkType.Link && data.Sources[a] == data.Sources[b]))
                    {
                        continue;
                    }

                    left[made] = Math.Min(a, b);
                    right[made] = Math.Max(a, b);
                    made++;
                }
            }
        }

        var levels = LevelMatrix.Compute(comparisons, matrix, left, right, made, cancellationToken);
        var u = new double[comparisons.Length][];
        for (var c = 0; c < comparisons.Length; c++)
        {
            var counts = new long[comparisons[c].LevelCount];
            for (var p = 0; p < made; p++)
            {
                counts[levels[((long)p * comparisons.Length) + c]]++;
            }

            var nonNull = counts.Skip(1).Sum();
            u[c] = new double[counts.Length];
            var exactLevel = comparisons[c].ExactLevel;
            for (var l = 1; l < counts.Length; l++)
            {
                if (l == exactLevel && counts[l] < 10 && nonNull > 0)
                {
                    // Too rare to sample (identifiers): the chance that two random records share a value follows
                    // exactly from the value counts.
                    u[c][l] = Math.Max(comparisons[c].Column.AgreementProbability(), 1e-12);
                    continue;
                }

                if (counts[l] == 0 && l < counts.Length - 1)
                {
                    warnings.Add($"Level '{comparisons[c].LevelLabel(l)}' of comparison '{comparisons[c].Settings.DisplayName}' never occurred among {made:N0} random pairs; its u-probability is an upper bound.");
                }

                // Half a pair stands in for an unseen level, so its weight is large but finite.
                u[c][l] = nonNull == 0 ? 0.5 : Math.Max(counts[l], 0.5) / nonNull;
            }

            if (nonNull == 0)
            {
                warnings.Add($"Comparison '{comparisons[c].Settings.DisplayName}' is null in every sampled pair.");
            }
        }

        return u;
    }

    private Result<double> EstimatePrior(LinkageData data, List<string> warnings, CancellationToken cancellationToken)
    {
        var n = (double)data.RecordCount;
        double possible;
        if (_settings.LinkType == LinkType.Link)
        {
            var sizes = new double[data.InputCount];
            foreach (var s in data.Sources)
            {
                sizes[s]++;
            }

            possible = ((n * n) - sizes.Sum(x => x * x)) / 2;
        }
        else
        {
            possible = n * (n - 1) / 2;
        }

        var rules = (_settings.DeterministicRules ?? []).Select(ParseRule).ToArray();
        if (rules.Length == 0)
        {
            warnings.Add("No deterministic rules: the prior assumes each record has one match among the others.");
            return Math.Clamp(n / possible / 2, 1e-12, 0.5);
        }

        var groups = rules.Select(r =>
        {
            var (keys, keyCount) = Blocker.Keys(data, r);
            return new BlockGroups(keys, keyCount);
        }).ToArray();
        var estimates = groups.Select(g => Blocker.Estimate(g, data.Sources, _settings.LinkType, data.InputCount)).ToArray();
        var budgetError = CheckBudget(rules, estimates);
        if (budgetError is not null)
        {
            return budgetError;
        }

        long found = 0;
        var earlier = EarlierRules.From([.. groups.Select(g => g.Keys)], data.RecordCount);
        for (var r = 0; r < rules.Length; r++)
        {
            found += Blocker.Count(groups[r], earlier.Before(r), data.Sources, _settings.LinkType, cancellationToken);
        }

        if (found == 0)
        {
            warnings.Add("The deterministic rules find no pairs; the prior is set to one match per 10,000 pairs.");
            return 1e-4;
        }

        return Math.Clamp(found / _settings.DeterministicRecall / possible, 1e-12, 0.5);
    }

    private static double[] InitialM(int levelCount)
    {
        // Most matches agree exactly; the rest spread over the fuzzier levels, a few disagree.
        var m = new double[levelCount];
        var inner = levelCount - 2;
        m[1] = inner > 0 ? 0.8 : 0.95;
        for (var l = 2; l < levelCount - 1; l++)
        {
            m[l] = 0.15 / Math.Max(1, inner - 1);
        }

        m[levelCount - 1] = 0.05;
        var sum = m.Skip(1).Sum();
        for (var l = 1; l < levelCount; l++)
        {
            m[l] /= sum;
        }

        return m;
    }

    private CompiledComparison[] Compile(LinkageData data) =>
        [.. _settings.Comparisons.Select(c => new CompiledComparison(c, data.Column(c.Column)))];

    private BlockingRule ParseRule(string text) => BlockingRule.Parse(text, _columnNames).Value;
}

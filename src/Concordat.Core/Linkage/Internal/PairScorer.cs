namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// Scores candidate pairs as blocking yields them, without holding every pair: comparisons run cheapest first, and
/// a pair stops being compared as soon as the weight it has plus the most the remaining comparisons could add falls
/// below <see cref="CutWeight"/>; such a pair can never be kept, so only its count and an upper bound on its
/// probability are recorded. Pairs at or above <see cref="KeepWeight"/> are kept with their weight and levels.
/// Immutable; each chunk of pairs gets its own <see cref="Sink"/>.
/// </summary>
internal sealed class PairScorer
{
    private readonly CompiledComparison[] _comparisons;
    private readonly float[][] _level;
    private readonly float[]?[] _tf;
    private readonly int[] _order;
    private readonly int[][] _ids;
    private readonly int[] _matrix;
    private readonly byte[] _equalLevel;
    private readonly float[] _equalWeight;
    private readonly float[] _unequalBest;
    private readonly bool[] _unequalElse;
    private readonly float _prior;
    private readonly double _priorExact;

    public PairScorer(CompiledComparison[] comparisons, RecordMatrix matrix, LinkageModel model, double? keepFrom, double cutMargin = 0)
    {
        _comparisons = comparisons;
        _matrix = matrix.Values;
        var table = WeightTable.Build(comparisons, model);
        _level = table.Level;
        _tf = table.Tf;
        _prior = (float)model.PriorWeight;
        _priorExact = model.PriorWeight;
        KeepWeight = keepFrom is { } p ? ScoredPairs.WeightOf(Math.Clamp(p, 1e-12, 1 - 1e-12)) : double.NegativeInfinity;
        CutWeight = (float)(KeepWeight - cutMargin) - 1e-3f;

        // Cheapest first: exact and code look-ups cost an int comparison, string measures far more.
        _order = [.. Enumerable.Range(0, comparisons.Length).OrderBy(c => comparisons[c].Cost).ThenBy(c => c)];
        _ids = [.. comparisons.Select(c => c.Ids)];
        _equalLevel = [.. comparisons.Select(c => c.EqualLevel)];
        _equalWeight = [.. comparisons.Select((c, i) => _level[i][c.EqualLevel])];
        _unequalBest = new float[comparisons.Length];
        _unequalElse = new bool[comparisons.Length];
        for (var c = 0; c < comparisons.Length; c++)
        {
            var best = float.NegativeInfinity;
            _unequalElse[c] = Enumerable.Range(1, comparisons[c].LevelCount - 2).All(l => !comparisons[c].CanHoldUnequal(l));
            for (var l = 1; l < comparisons[c].LevelCount; l++)
            {
                if (comparisons[c].CanHoldUnequal(l))
                {
                    best = Math.Max(best, _level[c][l]);
                }
            }

            // A margin keeps float rounding in another summation order from cutting a pair that would be kept.
            _unequalBest[c] = best + 1e-3f;
        }
    }

    /// <summary>Pairs at or above this weight are kept.</summary>
    public double KeepWeight { get; }

    /// <summary>A pair whose weight cannot reach this is cut short.</summary>
    public float CutWeight { get; }

    public int Width => _comparisons.Length;

    public Sink CreateSink() => new(this);

    private double ExactWeight(byte[] levels, int left)
    {
        double w = _priorExact;
        for (var c = 0; c < levels.Length; c++)
        {
            var level = levels[c];
            w += _level[c][level] + (level == _comparisons[c].TfLevel ? _tf[c]![_ids[c][left]] : 0f);
        }

        return w;
    }

    /// <summary>Joins the chunks' sinks, in order, after any pairs spilled earlier, into the run's kept pairs and distribution.</summary>
    public static ScoredPairs Collect(IReadOnlyList<Sink> sinks, int width, IReadOnlyList<long> perRule, double? keptFrom, PairSpill? spill = null)
    {
        var (left, right) = PairList.Concat([.. sinks.Select(s => s.Pairs)]);
        var weights = new float[left.Length];
        var levels = new byte[(long)left.Length * width];
        var counts = new long[WeightDistribution.BinCount];
        var sums = new double[WeightDistribution.BinCount];
        long cut = 0;
        double cutBound = 0;
        var offset = 0;
        foreach (var sink in sinks)
        {
            var n = sink.Pairs.Count;
            sink.Weights.CopyTo(weights, offset);
            Array.Copy(sink.KeptLevels, 0, levels, (long)offset * width, (long)n * width);
            offset += n;
            for (var b = 0; b < counts.Length; b++)
            {
                counts[b] += sink.Counts[b];
                sums[b] += sink.ProbabilitySums[b];
            }

            cut += sink.CutShort;
            cutBound += sink.CutShortBound;
        }

        var scorer = sinks.Count > 0 ? sinks[0].Scorer : null;
        var distribution = new WeightDistribution(counts, sums, cut, cutBound, scorer is null || float.IsNegativeInfinity(scorer.CutWeight) ? double.NegativeInfinity : scorer.CutWeight);
        if (spill is not null)
        {
            spill.Append(left, right, weights, levels, left.Length);
            spill.Seal();
            return new ScoredPairs([], [], [], [], width, perRule, distribution, keptFrom, spill);
        }

        return new ScoredPairs(left, right, weights, levels, width, perRule, distribution, keptFrom);
    }

    /// <summary>Collects one chunk's kept pairs and the distribution of every pair it saw. One writer.</summary>
    internal sealed class Sink(PairScorer scorer) : IPairSink
    {
        private readonly byte[] _levels = new byte[scorer.Width];
        private readonly int[] _pending = new int[scorer.Width];
        private byte[] _kept = new byte[scorer.Width * 256];

        public PairList Pairs { get; } = new(256);

        public List<float> Weights { get; } = new(256);

        public byte[] KeptLevels => _kept;

        public long[] Counts { get; } = new long[WeightDistribution.BinCount];

        public double[] ProbabilitySums { get; } = new double[WeightDistribution.BinCount];

        public long CutShort { get; private set; }

        public long Seen { get; private set; }

        public PairScorer Scorer => scorer;

        /// <summary>Bytes the kept pairs hold now (arrays are sized by doubling, hence the allowance).</summary>
        public long KeptBytes => (long)Pairs.Count * (8 + 4 + _levels.Length) * 2;

        /// <summary>Writes the kept pairs to <paramref name="spill"/> and lets their memory go; the counts stay.</summary>
        public void SpillTo(PairSpill spill)
        {
            spill.Append(Pairs.Left, Pairs.Right, Weights, _kept, Pairs.Count);
            Pairs.Clear();
            Weights.Clear();
            Weights.TrimExcess();
            _kept = new byte[_levels.Length * 256];
        }

        public double CutShortBound { get; private set; }

        public void Add(int left, int right)
        {
            Seen++;
            var s = scorer;
            var w = s._prior;
            var order = s._order;
            var pending = _pending;
            var count = 0;
            var reach = 0f;
            var width = order.Length;
            var matrix = s._matrix;
            var l = (long)left * width;
            var r = (long)right * width;

            // First the quick part of every comparison: a missing value (null level) or two equal values (the
            // first level that holds for equal values) needs no more than the two value ids.
            for (var k = 0; k < order.Length; k++)
            {
                var c = order[k];
                var a = matrix[l + c];
                var b = matrix[r + c];
                if (a < 0 || b < 0)
                {
                    _levels[c] = 0;
                }
                else if (a == b)
                {
                    var level = s._equalLevel[c];
                    _levels[c] = level;
                    w += s._equalWeight[c];
                    if (level == s._comparisons[c].TfLevel)
                    {
                        w += s._tf[c]![a];
                    }
                }
                else if (s._unequalElse[c])
                {
                    // Only "else" can hold for two different values (exact-only comparisons such as sex).
                    var level = (byte)(s._comparisons[c].LevelCount - 1);
                    _levels[c] = level;
                    w += s._level[c][level];
                }
                else
                {
                    pending[count++] = c;
                    reach += Math.Max(0, s._unequalBest[c]);
                }
            }

            // Then the comparisons of different values, cheapest first, while the pair can still be kept.
            for (var k = 0; k < count; k++)
            {
                if (w + reach < s.CutWeight)
                {
                    CutShort++;
                    CutShortBound += ScoredPairs.ProbabilityOf(w + reach);
                    return;
                }

                var c = pending[k];
                var level = s._comparisons[c].LevelOfValues(matrix[l + c], matrix[r + c]);
                _levels[c] = level;
                w += s._level[c][level];
                reach -= Math.Max(0, s._unequalBest[c]);
            }

            // The sum in settings order and in double, as an explanation adds it up, so a kept pair's weight is
            // exactly the one `link explain` shows; the running float sum above only decides what to skip.
            var exact = s.ExactWeight(_levels, left);
            var bin = WeightDistribution.BinOf(exact);
            Counts[bin]++;
            ProbabilitySums[bin] += ScoredPairs.ProbabilityOf(exact);
            if (exact < s.KeepWeight)
            {
                return;
            }

            var index = Pairs.Count;
            Pairs.Add(left, right);
            Weights.Add((float)exact);
            if ((long)(index + 1) * width > _kept.Length)
            {
                Array.Resize(ref _kept, (int)Math.Min(Array.MaxLength, (long)_kept.Length * 2));
            }

            _levels.CopyTo(_kept, index * width);
        }
    }
}

namespace Concordat.Core.Governance;

/// <summary>
/// Statistical disclosure control for counts and sums grouped by permitted fields. Cells with a count below the
/// threshold are suppressed (primary); other counts are rounded to the base. Then, along every group-by field, each
/// line of cells (cells that agree on all the other fields) that holds exactly one suppressed cell has its smallest
/// published cell suppressed too (secondary), repeated until stable, so no suppressed cell equals a line margin minus
/// published cells. Pure and thread safe.
/// </summary>
public static class AggregateDisclosure
{
    /// <summary>Groups records into cells: one per distinct combination of group values, with counts and measure sums.</summary>
    /// <param name="rows">Each record's group values and measure values (null measures count as zero).</param>
    public static IReadOnlyList<AggregateCell> Group(IEnumerable<(IReadOnlyList<string?> Group, IReadOnlyList<decimal?> Measures)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cells = new Dictionary<GroupKey, (long Count, decimal[] Sums)>();
        var order = new List<GroupKey>();
        foreach (var (group, measures) in rows)
        {
            var key = new GroupKey(group);
            if (!cells.TryGetValue(key, out var cell))
            {
                cell = (0, new decimal[measures.Count]);
                order.Add(key);
            }

            for (var i = 0; i < measures.Count && i < cell.Sums.Length; i++)
            {
                cell.Sums[i] += measures[i] ?? 0m;
            }

            cells[key] = (cell.Count + 1, cell.Sums);
        }

        return order.Select(k => new AggregateCell(k.Values, cells[k].Count, cells[k].Sums)).ToList();
    }

    /// <summary>Applies suppression and rounding to <paramref name="cells"/>, which must all have the same number of group values.</summary>
    public static AggregateTable Apply(IReadOnlyList<AggregateCell> cells, SuppressionRules rules)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Threshold < 1 || rules.RoundingBase < 1)
        {
            throw new ArgumentException("The threshold and rounding base must be at least 1.", nameof(rules));
        }

        var dimensions = cells.Count == 0 ? 0 : cells[0].Group.Count;
        var state = new CellSuppression[cells.Count];
        long total = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].Group.Count != dimensions)
            {
                throw new ArgumentException("Every cell must have the same number of group values.", nameof(cells));
            }

            if (cells[i].Count < 0)
            {
                throw new ArgumentException("Counts cannot be negative.", nameof(cells));
            }

            total += cells[i].Count;
            if (cells[i].Count > 0 && cells[i].Count < rules.Threshold)
            {
                state[i] = CellSuppression.Primary;
            }
        }

        SuppressSecondary(cells, state, dimensions);
        var disclosed = new DisclosedCell[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            disclosed[i] = state[i] == CellSuppression.None
                ? new DisclosedCell(cells[i].Group, Round(cells[i].Count, rules.RoundingBase), cells[i].Sums, CellSuppression.None)
                : new DisclosedCell(cells[i].Group, null, null, state[i]);
        }

        long? published = total > 0 && total < rules.Threshold ? null : Round(total, rules.RoundingBase);
        return new AggregateTable(disclosed, published, rules);
    }

    /// <summary>
    /// The part of <paramref name="table"/> that may leave the hub: published cells with their labels, in label order
    /// (so the order says nothing about the records behind them), and only the number of suppressed cells of each kind.
    /// </summary>
    public static PublishedAggregate Publish(AggregateTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var published = table.Cells.Where(c => c.Suppression == CellSuppression.None).ToList();
        published.Sort(static (a, b) => CompareLabels(a.Group, b.Group));
        return new PublishedAggregate(
            published,
            table.Cells.Count(c => c.Suppression == CellSuppression.Primary),
            table.Cells.Count(c => c.Suppression == CellSuppression.Secondary),
            table.Total,
            table.Rules);
    }

    /// <summary>Rounds to the nearest multiple of <paramref name="roundingBase"/>, halves up.</summary>
    public static long Round(long value, int roundingBase) => (value + (roundingBase / 2)) / roundingBase * roundingBase;

    private static int CompareLabels(IReadOnlyList<string?> left, IReadOnlyList<string?> right)
    {
        for (var i = 0; i < left.Count && i < right.Count; i++)
        {
            var order = string.CompareOrdinal(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    private static void SuppressSecondary(IReadOnlyList<AggregateCell> cells, CellSuppression[] state, int dimensions)
    {
        if (dimensions == 0)
        {
            return;
        }

        bool changed;
        do
        {
            changed = false;
            for (var d = 0; d < dimensions; d++)
            {
                var lines = new Dictionary<GroupKey, List<int>>();
                for (var i = 0; i < cells.Count; i++)
                {
                    var key = GroupKey.Without(cells[i].Group, d);
                    if (!lines.TryGetValue(key, out var members))
                    {
                        members = [];
                        lines.Add(key, members);
                    }

                    members.Add(i);
                }

                foreach (var members in lines.Values)
                {
                    var suppressed = members.Count(i => state[i] != CellSuppression.None);
                    if (suppressed != 1)
                    {
                        continue;
                    }

                    var partner = -1;
                    foreach (var i in members)
                    {
                        if (state[i] == CellSuppression.None && (partner < 0 || cells[i].Count < cells[partner].Count))
                        {
                            partner = i;
                        }
                    }

                    if (partner >= 0)
                    {
                        state[partner] = CellSuppression.Secondary;
                        changed = true;
                    }
                }
            }
        }
        while (changed);
    }
}

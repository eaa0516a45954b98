using Concordat.Core.Governance;
using CsCheck;

namespace Concordat.Core.Tests.Governance;

public sealed class AggregateDisclosureTests
{
    private static AggregateCell Cell(string a, string b, long count) => new([a, b], count, [count * 10m]);

    [Fact]
    public void Small_cells_are_suppressed_and_others_rounded_to_base_5()
    {
        var table = AggregateDisclosure.Apply([new AggregateCell(["LS1"], 12, []), new AggregateCell(["LS2"], 3, []), new AggregateCell(["LS3"], 18, [])], SuppressionRules.Default);

        // The smallest other cell (12) is suppressed too, so the total does not give away the 3.
        Assert.Equal([null, null, 20L], table.Cells.Select(c => c.Count));
        Assert.Equal([CellSuppression.Secondary, CellSuppression.Primary, CellSuppression.None], table.Cells.Select(c => c.Suppression));
        Assert.Equal(35, table.Total);
    }

    [Fact]
    public void Suppressed_cell_cannot_be_recovered_from_the_row_total()
    {
        // Row "a" has one small cell; without secondary suppression it equals the row margin minus the published cell.
        var table = AggregateDisclosure.Apply([Cell("a", "x", 4), Cell("a", "y", 40), Cell("b", "x", 25), Cell("b", "y", 30)], SuppressionRules.Default);

        Assert.Equal([CellSuppression.Primary, CellSuppression.Secondary, CellSuppression.Secondary, CellSuppression.Secondary], table.Cells.Select(c => c.Suppression));
        Assert.All(table.Cells.Where(c => c.Suppression != CellSuppression.None), c => Assert.Null(c.Sums));
    }

    [Fact]
    public void Group_counts_and_sums_records()
    {
        var cells = AggregateDisclosure.Group([(["LS1"], [10m]), (["LS2"], [1m]), (["LS1"], [null])]);

        Assert.Equal(2, cells.Count);
        Assert.Equal(2, cells[0].Count);
        Assert.Equal(10m, cells[0].Sums[0]);
    }

    [Fact]
    public void Published_cells_are_never_small_and_no_line_has_a_lone_suppressed_cell()
    {
        var gen = Gen.Select(Gen.Int[1, 4], Gen.Int[1, 4]).SelectMany((rows, columns) =>
            Gen.Long[0, 40].Array[rows * columns].Select(counts => (rows, columns, counts)));
        gen.Sample(t =>
        {
            var cells = new List<AggregateCell>();
            for (var r = 0; r < t.rows; r++)
            {
                for (var c = 0; c < t.columns; c++)
                {
                    cells.Add(Cell($"r{r}", $"c{c}", t.counts[(r * t.columns) + c]));
                }
            }

            var table = AggregateDisclosure.Apply(cells, SuppressionRules.Default);

            for (var i = 0; i < cells.Count; i++)
            {
                if (table.Cells[i].Count is { } published)
                {
                    Assert.True(cells[i].Count == 0 || cells[i].Count >= 10);
                    Assert.Equal(0, published % 5);
                    Assert.InRange(published - cells[i].Count, -2, 2);
                }
            }

            foreach (var line in Lines(table.Cells, 0).Concat(Lines(table.Cells, 1)))
            {
                if (line.Count > 1)
                {
                    Assert.NotEqual(1, line.Count(c => c.Suppression != CellSuppression.None));
                }
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Published_form_never_carries_a_suppressed_cells_labels()
    {
        var gen = Gen.Select(Gen.Int[1, 4], Gen.Int[1, 4]).SelectMany((rows, columns) =>
            Gen.Long[0, 40].Array[rows * columns].Select(counts => (rows, columns, counts)));
        gen.Sample(t =>
        {
            var cells = new List<AggregateCell>();
            for (var r = 0; r < t.rows; r++)
            {
                for (var c = 0; c < t.columns; c++)
                {
                    cells.Add(Cell($"r{r}", $"c{c}", t.counts[(r * t.columns) + c]));
                }
            }

            var table = AggregateDisclosure.Apply(cells, SuppressionRules.Default);
            var published = AggregateDisclosure.Publish(table);

            var hidden = table.Cells.Where(c => c.Suppression != CellSuppression.None).Select(c => string.Join('|', c.Group)).ToHashSet(StringComparer.Ordinal);
            Assert.All(published.Cells, c => Assert.Equal(CellSuppression.None, c.Suppression));
            Assert.DoesNotContain(published.Cells, c => hidden.Contains(string.Join('|', c.Group)));
            Assert.Equal(table.Cells.Count, published.Cells.Count + published.PrimarySuppressed + published.SecondarySuppressed);
            Assert.Equal(table.Cells.Count(c => c.Suppression == CellSuppression.Primary), published.PrimarySuppressed);
            Assert.Equal(published.Cells.Select(c => string.Join('|', c.Group)).Order(StringComparer.Ordinal), published.Cells.Select(c => string.Join('|', c.Group)));
            Assert.Equal(table.Total, published.Total);
        }, iter: 2_000);
    }

    private static IEnumerable<List<DisclosedCell>> Lines(IReadOnlyList<DisclosedCell> cells, int free) =>
        cells.GroupBy(c => c.Group[1 - free], StringComparer.Ordinal).Select(g => g.ToList());
}

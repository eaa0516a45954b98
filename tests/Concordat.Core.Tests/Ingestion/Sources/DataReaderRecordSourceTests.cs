using System.Data;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Core.Tests.Ingestion.Sources;

public sealed class DataReaderRecordSourceTests
{
    private static DataTable People()
    {
        var table = new DataTable();
        table.Columns.Add("person_id", typeof(int));
        table.Columns.Add("Name", typeof(string));
        table.Columns.Add("dob", typeof(DateTime));
        table.Columns.Add("seen_at", typeof(DateTimeOffset));
        table.Columns.Add("balance", typeof(decimal));
        table.Columns.Add("ratio", typeof(double));
        table.Columns.Add("active", typeof(bool));
        table.Columns.Add("photo", typeof(byte[]));
        table.Columns.Add("ref", typeof(Guid));
        table.Rows.Add(
            1,
            "Zoë",
            new DateTime(1980, 1, 2),
            new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.FromHours(1)),
            1234.50m,
            0.1,
            true,
            new byte[] { 1, 2, 3 },
            Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"));
        table.Rows.Add(2, DBNull.Value, new DateTime(2024, 5, 6, 7, 8, 9, 500), DBNull.Value, -0.5m, 1e21, false, DBNull.Value, DBNull.Value);
        return table;
    }

    [Fact]
    public void Values_become_invariant_text_and_db_null_becomes_null()
    {
        using var table = People();
        using var source = new DataReaderRecordSource(table.CreateDataReader());

        Assert.Equal(["person_id", "Name", "dob", "seen_at", "balance", "ratio", "active", "photo", "ref"], source.Columns);
        var rows = SourceRows.ReadAll(source);

        Assert.Equal(
            ["1", "Zoë", "1980-01-02", "2024-03-04T05:06:07+01:00", "1234.50", "0.1", "true", "AQID", "6f9619ff-8b86-d011-b42d-00cf4fc964ff"],
            rows[0].Values);
        Assert.Equal(["2", null, "2024-05-06T07:08:09.5", null, "-0.5", "1E+21", "false", null, null], rows[1].Values);
        Assert.Equal([1L, 2L], rows.Select(r => r.RowNumber));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Formatting_does_not_follow_the_current_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
            using var table = People();
            using var source = new DataReaderRecordSource(table.CreateDataReader());

            Assert.True(source.Read());

            Assert.Equal("1234.50", source.GetValue(4));
            Assert.Equal("0.1", source.GetValue(5));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Get_ordinal_ignores_case_after_exact_match()
    {
        using var table = People();
        using var source = new DataReaderRecordSource(table.CreateDataReader());

        Assert.Equal(1, source.GetOrdinal("name"));
        Assert.Equal(0, source.GetOrdinal("person_id"));
        Assert.Equal(-1, source.GetOrdinal("nino"));
    }

    [Fact]
    public void Empty_table_has_columns_and_no_rows()
    {
        using var table = new DataTable();
        table.Columns.Add("a", typeof(string));
        using var source = new DataReaderRecordSource(table.CreateDataReader());

        Assert.Equal(["a"], source.Columns);
        Assert.False(source.Read());
        Assert.Equal(0, source.BytesRead);
    }

    [Fact]
    public void Date_only_and_time_values_are_iso_8601()
    {
        Assert.Equal("2024-02-29", DataReaderRecordSource.ToInvariantText(new DateOnly(2024, 2, 29)));
        Assert.Equal("13:45:00.5", DataReaderRecordSource.ToInvariantText(new TimeOnly(13, 45, 0, 500)));
        Assert.Equal("2024-02-29T13:45:00", DataReaderRecordSource.ToInvariantText(new DateTime(2024, 2, 29, 13, 45, 0)));
        Assert.Equal("2024-02-29T13:45:00Z", DataReaderRecordSource.ToInvariantText(new DateTime(2024, 2, 29, 13, 45, 0, DateTimeKind.Utc)));
        Assert.Equal("1.5", DataReaderRecordSource.ToInvariantText(1.5f));
    }
}

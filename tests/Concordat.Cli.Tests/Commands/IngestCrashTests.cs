using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Concordat.Cli.Tests.Commands;

/// <summary>
/// Security checklist row 5: kill -9 the ingest process at random moments. After every kill the database must be
/// sound, the dataset must hold either the whole previous load or the whole new one (never part of a run), and no
/// half-finished run may be visible. Then a final run completes and the data is exactly the new file.
/// </summary>
public sealed class IngestCrashTests : IDisposable
{
    private const int Rows = 100_000;
    private const int Kills = 20;
    private const string Current = "v.version = (SELECT max(w.version) FROM record_versions w WHERE w.dataset_no = v.dataset_no AND w.record_key = v.record_key)";
    private readonly CliWorkspace _ws = new();

    [Fact]
    public async Task Killing_an_ingest_at_random_points_never_leaves_a_partial_run()
    {
        _ws.Write("schema.json", """{"fields": [{"name": "recordId", "type": "string"}, {"name": "familyName", "type": "string"}], "primaryKey": ["recordId"]}""");
        var mapping = _ws.Write("m.json", """{"source": {"format": "csv"}, "fields": [{"field": "recordId", "from": "REF"}, {"field": "familyName", "from": "NAME"}]}""");
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "org", "--name", "Org"));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "org-people", "--org", "org", "--title", "People", "--schema", _ws.PathOf("schema.json")));
        var before = WriteCsv("before.csv", "OLD");
        var after = WriteCsv("after.csv", "NEW");
        Assert.Equal(0, await _ws.RunAsync("ingest", "org-people", before, "--mapping", mapping));
        var succeededRuns = 1;

        var random = new Random(20261125);
        var sawInterrupted = false;
        var current = "OLD";
        for (var i = 0; i < Kills; i++)
        {
            // Always load the file the dataset does not hold, so every attempt is a real change to interrupt.
            var target = current == "OLD" ? "NEW" : "OLD";
            using var process = _ws.Start("ingest", "org-people", target == "NEW" ? after : before, "--mapping", mapping);
            await Task.Delay(random.Next(100, 1500));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            SqliteConnection.ClearAllPools();

            var state = ReadState();
            Assert.Equal("ok", state.IntegrityCheck);
            Assert.Equal(Rows, state.CurrentRecords);
            Assert.True(state.NewNames is 0 or Rows, $"kill {i}: {state.NewNames} of {Rows} records hold NEW after an interrupted run");
            Assert.Equal(0, state.RunningRuns);
            var now = state.NewNames == Rows ? "NEW" : "OLD";
            if (now == current)
            {
                sawInterrupted = true;
                Assert.Equal(succeededRuns, state.SucceededRuns);
            }
            else
            {
                // The kill came after the commit: the run is complete and whole.
                succeededRuns++;
                Assert.Equal(succeededRuns, state.SucceededRuns);
                current = now;
            }
        }

        Assert.True(sawInterrupted, "every kill landed after the commit; the test did not exercise an interrupted run");
        Assert.Equal(0, await _ws.RunAsync("ingest", "org-people", current == "OLD" ? after : before, "--mapping", mapping));
        var final = ReadState();
        Assert.Equal(current == "OLD" ? Rows : 0, final.NewNames);
        Assert.Equal("ok", final.IntegrityCheck);
    }

    private string WriteCsv(string name, string prefix)
    {
        var csv = new StringBuilder("REF,NAME\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append('R').Append(i).Append(',').Append(prefix).Append(i).Append('\n');
        }

        return _ws.Write(name, csv.ToString());
    }

    private (string IntegrityCheck, long CurrentRecords, long NewNames, long RunningRuns, int SucceededRuns) ReadState()
    {
        using var connection = new SqliteConnection($"Data Source={_ws.DatabasePath};Pooling=False");
        connection.Open();
        string Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        return (
            Scalar("PRAGMA integrity_check"),
            long.Parse(Scalar($"SELECT count(*) FROM record_versions v WHERE v.is_deleted = 0 AND {Current}"), System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(Scalar($"SELECT count(*) FROM record_versions v WHERE {Current} AND v.payload LIKE '%\"NEW%'"), System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(Scalar("SELECT count(*) FROM ingest_runs WHERE status = 'running'"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Scalar("SELECT count(*) FROM ingest_runs WHERE status = 'Succeeded'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => _ws.Dispose();
}

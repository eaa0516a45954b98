using System.Globalization;
using Concordat.Core.Ingestion;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>Prints an ingest run's summary table.</summary>
internal static class RunTable
{
    /// <param name="run">The run.</param>
    /// <param name="measured">Wall time the caller measured around the whole run, commit included; the run's own
    /// timestamps are taken before its commit, so they understate a large run.</param>
    public static void Write(IngestRun run, TimeSpan? measured = null)
    {
        var elapsed = measured ?? run.FinishedAt - run.StartedAt;
        var rate = elapsed.TotalSeconds > 0 ? run.Counts.RowsRead / elapsed.TotalSeconds : 0;
        var table = new Table().Title($"Ingest run {run.Id}: {run.DatasetId} ({run.Status})").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.HideHeaders();
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("Rows read", N(run.Counts.RowsRead));
        Row("Rows loaded", N(run.Counts.RowsLoaded));
        Row("Rows quarantined", N(run.Counts.RowsQuarantined));
        Row("Versions created", N(run.Counts.VersionsCreated));
        Row("Unchanged", N(run.Counts.Unchanged));
        Row("Tombstones", N(run.Counts.Tombstones));
        Row("Elapsed", elapsed.ToString(@"hh\:mm\:ss\.ff", CultureInfo.InvariantCulture));
        Row("Rows/s", rate.ToString("N0", CultureInfo.InvariantCulture));
        if (run.SourceSha256 is not null)
        {
            Row("Source SHA-256", run.SourceSha256);
        }

        AnsiConsole.Write(table);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

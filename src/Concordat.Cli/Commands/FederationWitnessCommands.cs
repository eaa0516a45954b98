using System.CommandLine;
using System.Globalization;
using Concordat.Core.Federation;
using Concordat.Storage.Federation;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>concordat federation witness-report</c>: what this node, as a witness of the other members' audit logs, refused
/// as misbehaviour (a rollback, a fork, a rewrite), read from <c>DATA/federation/witness/reports.ndjson</c>, with the two
/// signed checkpoints that show it when asked for the evidence.
/// </summary>
internal static class FederationWitnessCommands
{
    public static Command Report()
    {
        var evidence = new Option<bool>("--evidence") { Description = "Also print both signed checkpoint notes of each report (the one cosigned and the one refused)." };
        var command = new Command("witness-report", "List the misbehaviour this node saw as a witness of other members' audit logs (exit code 1 when there is any).") { evidence };
        command.SetAction(parse =>
        {
            var data = parse.GetValue(CliContext.DataOption)!.FullName;
            using var store = new WitnessStore(data);
            var reports = WitnessStore.ReadReports(store.ReportsPath);
            if (reports.Count == 0)
            {
                CliOutput.Done("No misbehaviour recorded: every checkpoint this witness refused was an ordinary refusal.");
                return ExitCodes.Success;
            }

            foreach (var report in reports)
            {
                Console.Out.WriteLine($"{report.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {Describe(report.Kind)}: "
                    + $"{report.Origin} (submitted by {report.Submitter}): had cosigned size {SizeOf(report.HeldNote)}, offered size {SizeOf(report.OfferedNote)}. {report.Detail}");
                if (parse.GetValue(evidence))
                {
                    Console.Out.WriteLine("cosigned before:");
                    Console.Out.Write(report.HeldNote);
                    Console.Out.WriteLine("refused:");
                    Console.Out.Write(report.OfferedNote);
                }
            }

            Console.Out.WriteLine($"{reports.Count} report(s) in {store.ReportsPath}");
            return ExitCodes.Failed;
        });
        return command;
    }

    private static string Describe(WitnessMisbehaviour kind) => kind switch
    {
        WitnessMisbehaviour.Rollback => "ROLLBACK (a smaller tree signed later)",
        WitnessMisbehaviour.Fork => "FORK (two trees of one size)",
        WitnessMisbehaviour.Inconsistent => "REWRITE (no consistency proof from the tree cosigned)",
        _ => kind.ToString(),
    };

    private static string SizeOf(string note)
    {
        var parsed = SignedNote.Parse(System.Text.Encoding.UTF8.GetBytes(note));
        return parsed.IsSuccess && TlogCheckpoint.Parse(parsed.Value.Text) is { IsSuccess: true } checkpoint
            ? checkpoint.Value.TreeSize.ToString(CultureInfo.InvariantCulture)
            : "?";
    }
}

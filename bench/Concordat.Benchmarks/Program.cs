using BenchmarkDotNet.Running;

namespace Concordat.Benchmarks;

/// <summary>
/// Entry point. <c>make-csv N FILE</c> writes the person CSV used by bench/ingest.sh; <c>ingest-split</c> splits
/// ingest cost between validation and storage; <c>ingest-stages</c> gives each pipeline stage's CPU
/// per row on one thread; <c>ingest-cold</c> times a first load and a re-run
/// into the store from a cold process, as the CLI does; <c>field-costs</c> times each field's standardisation; <c>exchange-load SERVER_DLL SECONDS CONCURRENCY PEOPLE</c>
/// drives the look-up path of a running hub from this second process; <c>lookups-federated SERVER_DLL SECONDS CONCURRENCY PEOPLE</c>
/// drives look-ups through two federation nodes beside the single-node look-up; <c>lookups-during-ingest SERVER_DLL CLI_DLL SCHEMA
/// MAPPING ROWS SECONDS CONCURRENCY PEOPLE</c> measures look-ups while a CLI ingest runs into the same hub;
/// <c>person-match-load SERVER_DLL SECONDS CONCURRENCY PERSONS</c> drives <c>POST /api/v1/persons/match</c> the same way;
/// <c>copy-baseline FILE</c> times a plain PostgreSQL COPY of the CSV (the yardstick of bench/ingest-postgres.sh);
/// <c>audit-append N</c> (into the store) and <c>audit-verify N FILE</c> time the audit log; <c>profile</c> times quality profiling of
/// the ingested CSV; anything else goes to
/// BenchmarkDotNet (e.g. <c>--filter *Standards*</c>). The store-backed modes (ingest-cold, audit-append, exchange-load)
/// take <c>--store URL</c> or CONCORDAT_STORE, as the hub and the CLI do.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // --store URL (or CONCORDAT_STORE) points the store-backed modes at a store other than a fresh SQLite file.
        var store = Array.IndexOf(args, "--store");
        if (store >= 0 && store + 1 < args.Length)
        {
            BenchStores.Setting = args[store + 1];
            args = [.. args[..store], .. args[(store + 2)..]];
        }

        if (args.Length == 4 && args[0] == "field-costs")
        {
            return await FieldCosts.RunAsync(args[1], args[2], args[3]);
        }

        if (args.Length == 1 && args[0] == "profile-micro")
        {
            return ProfileMicro.Run();
        }

        if (args.Length is 4 or 5 && args[0] == "profile")
        {
            return await ProfileBench.RunAsync(args[1], args[2], args[3], args.Length == 5 ? args[4] : null);
        }

        if (args.Length == 4 && args[0] == "ingest-split")
        {
            return await IngestSplit.RunAsync(args[1], args[2], args[3]);
        }

        if (args.Length == 4 && args[0] == "ingest-stages")
        {
            return await IngestStages.RunAsync(args[1], args[2], args[3]);
        }

        if (args.Length == 4 && args[0] == "ingest-cold")
        {
            return await IngestSplit.RunAsync(args[1], args[2], args[3], sqliteOnly: true);
        }

        if (args.Length == 4 && args[0] == "link-phases")
        {
            return LinkCosts.Phases(args[1], args[2], args[3]);
        }

        if (args.Length == 3 && args[0] == "make-heavy")
        {
            HeavyCorruptionCsv.Write(args[2], int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), seed: 11);
            return 0;
        }

        if (args.Length == 3 && args[0] == "link-stages")
        {
            return LinkStages.Run(args[1], args[2]);
        }

        if (args.Length == 3 && args[0] == "link-costs")
        {
            return LinkCosts.Run(args[1], args[2]);
        }

        if (args.Length == 5 && args[0] == "lookups-federated")
        {
            var numbers = args.Skip(2).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return await FederatedExchangeLoad.RunAsync(args[1], numbers[0], numbers[1], numbers[2]);
        }

        if (args.Length == 5 && args[0] == "exchange-load")
        {
            var numbers = args.Skip(2).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return await ExchangeLoad.RunAsync(args[1], numbers[0], numbers[1], numbers[2]);
        }

        if (args.Length == 5 && args[0] == "person-match-load")
        {
            var numbers = args.Skip(2).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return await PersonMatchLoad.RunAsync(args[1], numbers[0], numbers[1], numbers[2]);
        }

        if (args.Length == 9 && args[0] == "lookups-during-ingest")
        {
            var numbers = args.Skip(5).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return await ExchangeLoad.DuringIngestAsync(args[1], args[2], args[3], args[4], numbers[0], numbers[1], numbers[2], numbers[3]);
        }

        if (args.Length == 2 && args[0] == "audit-append")
        {
            return await AuditBench.AppendAsync(long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        if (args.Length == 2 && args[0] == "audit-verify-split")
        {
            return AuditBench.VerifySplit(args[1]);
        }

        if (args.Length == 3 && args[0] == "audit-verify")
        {
            return await AuditBench.VerifyAsync(long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
        }

        if (args.Length == 2 && args[0] == "copy-baseline")
        {
            return await PostgresCopyBaseline.RunAsync(args[1]);
        }

        if (args.Length == 3 && args[0] == "make-csv")
        {
            var rows = long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
            PersonCsv.Write(args[2], rows, seed: 7);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

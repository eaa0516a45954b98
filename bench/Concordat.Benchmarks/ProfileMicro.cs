using System.Diagnostics;
using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Quality;
using Concordat.Core.Quality.Internal;
using Concordat.Core.Standards;

namespace Concordat.Benchmarks;

/// <summary>
/// <c>profile-micro</c>: CPU time of each step a field accumulator takes per value, over one million postcodes,
/// so the dearest step is visible (single thread; run it a few times on a shared machine).
/// </summary>
internal static class ProfileMicro
{
    public static int Run()
    {
        var random = new Random(7);
        var values = new string[1_000_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = string.Create(CultureInfo.InvariantCulture, $"LS{random.Next(1, 30)} {random.Next(1, 10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}");
        }

        var hashes = values.Select(v => ValueHash.Of(v)).ToArray();
        Time("IsNullOrWhiteSpace", () => { var n = 0; foreach (var v in values) { n += string.IsNullOrWhiteSpace(v) ? 1 : 0; } return n; });
        Time("ValueHash.Of", () => { ulong x = 0; foreach (var v in values) { x ^= ValueHash.Of(v); } return (int)x; });
        Time("DistinctCounter.Add", () => { var d = new DistinctCounter(100_000); foreach (var h in hashes) { d.Add(h); } return (int)d.Count; });
        Time("HyperLogLog.Add", () => { var d = new HyperLogLog(); foreach (var h in hashes) { d.Add(h); } return (int)d.Estimate(); });
        Time("ValuePattern.Of", () => { var p = new ValuePattern(); var n = 0; foreach (var v in values) { n += p.Of(v, out _).Length; } return n; });
        Time("pattern + SpaceSaving", () => { var p = new ValuePattern(); var s = new SpaceSaving(200); foreach (var v in values) { var t = p.Of(v, out var h); s.Add(t, h); } return (int)s.Total; });
        Time("SpaceSaving values (high cardinality)", () => { var s = new SpaceSaving(200); for (var i = 0; i < values.Length; i++) { s.Add(values[i], hashes[i]); } return (int)s.Total; });
        Time("Postcode.IsValid", () => { var n = 0; foreach (var v in values) { n += Postcode.IsValid(v) ? 1 : 0; } return n; });
        var field = new SchemaField("postcode", FieldType.String) { Identifier = IdentifierKind.Postcode };
        Time("FieldAccumulator.Add (personal)", () => { var a = new FieldAccumulator(field with { PersonalData = PersonalDataCategory.Personal }, ProfileOptions.Default, new DateOnly(2026, 1, 1)); foreach (var v in values) { a.Add(v); } return 0; });
        Time("FieldAccumulator.Add (with top values)", () => { var a = new FieldAccumulator(field, ProfileOptions.Default, new DateOnly(2026, 1, 1)); foreach (var v in values) { a.Add(v); } return 0; });
        return 0;
    }

    private static void Time(string label, Func<int> action)
    {
        action();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        clock.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-40} wall {clock.Elapsed.TotalMilliseconds,7:0} ms  CPU {used.TotalMilliseconds,7:0} ms  per value {used.TotalMilliseconds * 1e6 / 1_000_000,6:0} ns"));
    }
}

using System.Globalization;

namespace Concordat.Cli.Tests.Reliability;

/// <summary>
/// How hard the crash suite works: <c>CONCORDAT_CRASH_KILLS</c> kills per scenario (3 in the normal suite;
/// scripts/crash.sh sets 50) and <c>CONCORDAT_CRASH_SEED</c> to replay the random delays of an earlier run (each test
/// prints the seed it used).
/// </summary>
public static class CrashSettings
{
    public static int Kills => int.TryParse(Environment.GetEnvironmentVariable("CONCORDAT_CRASH_KILLS"), NumberStyles.None, CultureInfo.InvariantCulture, out var kills) && kills > 0 ? kills : 3;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("CONCORDAT_CRASH_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : Random.Shared.Next();

    /// <summary>True when the long variant runs (enough kills to insist that some landed before and some after the commit).</summary>
    public static bool Long => Kills >= 10;
}

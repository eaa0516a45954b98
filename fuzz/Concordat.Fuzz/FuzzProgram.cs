using System.Diagnostics;
using System.Globalization;

namespace Concordat.Fuzz;

/// <summary>
/// <c>concordat-fuzz TARGET</c>: afl++ mode, reading inputs from the fuzzer (run under afl-fuzz, see scripts/fuzz.sh).
/// <c>concordat-fuzz TARGET FILE|DIR</c>: replay, feeding each file once (corpus and crasher regression runs).
/// <c>concordat-fuzz --list</c>: the targets.
/// </summary>
public static class FuzzProgram
{
    public static int Main(string[] args)
    {
        var targets = ParserTargets.All().Concat(HttpTargets.All()).ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (args.Length == 0 || args[0] == "--list")
        {
            Console.WriteLine(string.Join('\n', targets.Keys));
            return args.Length == 0 ? 2 : 0;
        }

        if (!targets.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"error: no fuzz target '{args[0]}'; one of: {string.Join(", ", targets.Keys)}");
            return 2;
        }

        try
        {
            target.Start?.Invoke();
            if (args.Length == 1)
            {
                SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    target.Run(buffer.ToArray());
                });
                return 0;
            }

            var files = Directory.Exists(args[1]) ? Directory.GetFiles(args[1], "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray() : [args[1]];
            var failed = 0;
            foreach (var file in files)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    target.Run(File.ReadAllBytes(file));
                }
        #pragma warning disable CA1031 // Replay reports every failure of the target and goes on with the next input.
                catch (Exception ex)
        #pragma warning restore CA1031
                {
                    failed++;
                    Console.Error.WriteLine($"FAIL {file}: {ex.GetType().Name}: {ex.Message}");
                }

                if (clock.Elapsed > TimeSpan.FromSeconds(5))
                {
                    failed++;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SLOW {file}: {clock.Elapsed.TotalSeconds:F1} s"));
                }
            }

            Console.WriteLine($"{target.Name}: {files.Length} inputs replayed, {failed} failed");
            return failed == 0 ? 0 : 1;
        }
        finally
        {
            HttpTargets.Stop();
        }
    }
}

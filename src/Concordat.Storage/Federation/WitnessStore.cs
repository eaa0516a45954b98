using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Federation;
using Concordat.Storage.Keys;

namespace Concordat.Storage.Federation;

/// <summary>
/// A witness's durable state in <c>DATA/federation/witness/</c>: per log, the latest checkpoint it cosigned
/// (<c>logs/&lt;hex SHA-256 of the origin&gt;.json</c>, replaced atomically and flushed to disk before a cosignature
/// leaves), and the reports of misbehaviour it saw (<c>reports.ndjson</c>, appended and flushed). Checking a request
/// against the state and replacing it happen under one lock, in-process and on <c>witness.lock</c> across processes
/// sharing the directory, as c2sp.org/tlog-witness requires (else two requests could roll the state back). Thread safe.
/// </summary>
public sealed class WitnessStore : IDisposable
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _logs;
    private readonly string _lockPath;

    /// <summary>The store under <paramref name="dataDirectory"/>.</summary>
    public WitnessStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Directory = Path.Combine(Path.GetFullPath(dataDirectory), "federation", "witness");
        _logs = Path.Combine(Directory, "logs");
        _lockPath = Path.Combine(Directory, "witness.lock");
        ReportsPath = Path.Combine(Directory, "reports.ndjson");
    }

    /// <summary>The witness directory.</summary>
    public string Directory { get; }

    /// <summary>The reports file.</summary>
    public string ReportsPath { get; }

    /// <summary>What was last cosigned for <paramref name="origin"/>, or null.</summary>
    public WitnessedLog? Read(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var path = PathOf(origin);
        if (!File.Exists(path))
        {
            return null;
        }

        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        var stored = new WitnessedLog(root.GetProperty("origin").GetString()!, root.GetProperty("treeSize").GetInt64(),
            Convert.FromBase64String(root.GetProperty("rootHash").GetString()!), root.GetProperty("note").GetString()!);
        return stored.Origin == origin
            ? stored
            : throw new InvalidDataException($"The witness state {path} names the log '{stored.Origin}', not '{origin}'.");
    }

    /// <summary>
    /// Decides under the lock: <paramref name="decide"/> sees what was last cosigned for <paramref name="origin"/> and
    /// returns the state to keep (null to keep what is held) and its result; the new state is on disk before this returns.
    /// </summary>
    public async Task<T> UpdateAsync<T>(string origin, Func<WitnessedLog?, (WitnessedLog? Next, T Result)> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(decide);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var held = await LockAsync(cancellationToken);
            var (next, result) = decide(Read(origin));
            if (next is not null)
            {
                if (next.Origin != origin)
                {
                    throw new ArgumentException("The new state names another log.", nameof(decide));
                }

                OwnerOnlyFiles.CreateDirectory(_logs);
                OwnerOnlyFiles.WriteOrReplace(PathOf(origin), JsonSerializer.Serialize(new
                {
                    origin = next.Origin,
                    treeSize = next.TreeSize,
                    rootHash = Convert.ToBase64String(next.RootHash),
                    note = next.Note,
                }) + "\n");
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Appends a report and flushes it to disk.</summary>
    public async Task AppendReportAsync(WitnessReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(report, ConcordatJson.Options) + "\n");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            OwnerOnlyFiles.CreateDirectory(Directory);
            await using var file = new FileStream(ReportsPath, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(line, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every report kept, oldest first; a line that does not read is skipped (it can only be a torn last line).</summary>
    public static IReadOnlyList<WitnessReport> ReadReports(string reportsPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(reportsPath);
        if (!File.Exists(reportsPath))
        {
            return [];
        }

        var reports = new List<WitnessReport>();
        foreach (var line in File.ReadLines(reportsPath))
        {
            try
            {
                if (JsonSerializer.Deserialize<WitnessReport>(line, ConcordatJson.Options) is { } report)
                {
                    reports.Add(report);
                }
            }
            catch (JsonException)
            {
                // A crash mid-append leaves at most one partial line.
            }
        }

        return reports;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private string PathOf(string origin) => Path.Combine(_logs, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin))) + ".json");

    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        OwnerOnlyFiles.CreateDirectory(Directory);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0 };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                return new FileStream(_lockPath, options);
            }
            catch (IOException) when (TimeProvider.System.GetElapsedTime(started) < LockWait)
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }
}

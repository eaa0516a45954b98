using System.Globalization;
using Npgsql;

namespace Concordat.Benchmarks;

/// <summary>
/// CPU time the PostgreSQL server spends on one database, for benchmarks that report CPU per row or per request in
/// the server beside the hub's: the user + system time of every backend connected to the database, read from
/// <c>/proc/PID/stat</c> (so the server must run on this machine), between a snapshot and now. A backend that ends
/// between the two is missed and one that starts counts from its start; the benchmarks hold pooled connections, so
/// neither happens in a phase. The server's shared processes (WAL writer, checkpointer) are not counted: on a shared
/// server they work for every database.
/// </summary>
internal sealed class PostgresServerCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on Linux for every architecture .NET runs on
    private readonly string _connectionString;
    private readonly Dictionary<int, long> _before;

    private PostgresServerCpu(string connectionString, Dictionary<int, long> before)
    {
        _connectionString = connectionString;
        _before = before;
    }

    /// <summary>Takes a snapshot; null when the server's backends cannot be read here (not local, or not Linux).</summary>
    public static async Task<PostgresServerCpu?> StartAsync(string connectionString)
    {
        var now = await ReadAsync(connectionString);
        return now is null ? null : new PostgresServerCpu(connectionString, now);
    }

    /// <summary>The database's backends' CPU time since the snapshot.</summary>
    public async Task<TimeSpan> ElapsedAsync()
    {
        var now = await ReadAsync(_connectionString) ?? [];
        long ticks = 0;
        foreach (var (pid, total) in now)
        {
            ticks += total - _before.GetValueOrDefault(pid);
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static async Task<Dictionary<int, long>?> ReadAsync(string connectionString)
    {
        var pids = new List<int>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                pids.Add(reader.GetInt32(0));
            }
        }

        var ticks = new Dictionary<int, long>();
        foreach (var pid in pids)
        {
            string stat;
            try
            {
                stat = await File.ReadAllTextAsync($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // ended since, or not on this machine
            }

            // Fields after the command name in parentheses: state is field 3, utime 14 and stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        return ticks.Count == 0 && pids.Count > 0 ? null : ticks;
    }
}

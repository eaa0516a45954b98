using System.Diagnostics;
using System.Globalization;
using System.Text;
using Concordat.Storage;
using Npgsql;

namespace Concordat.Benchmarks;

/// <summary>
/// <c>copy-baseline FILE --store postgresql://...</c>: the yardstick for PostgreSQL ingest. Loads the same CSV with a plain
/// <c>COPY ... FROM STDIN (FORMAT csv, HEADER)</c> into a logged table of text columns (no validation, no index, no
/// versions), and prints rows/s, so bench/ingest-postgres.sh can put the hub's rate beside what the server alone does
/// with the same rows on the same machine at the same moment. The table is dropped afterwards.
/// </summary>
internal static class PostgresCopyBaseline
{
    public static async Task<int> RunAsync(string csvPath)
    {
        if (BenchStores.Resolve(Path.GetTempPath()) is not PostgresStoreLocation location)
        {
            Console.Error.WriteLine("copy-baseline needs a PostgreSQL store: --store postgresql://... or CONCORDAT_STORE.");
            return 2;
        }

        string header;
        using (var reader = new StreamReader(csvPath, Encoding.UTF8))
        {
            header = await reader.ReadLineAsync() ?? throw new InvalidOperationException("The CSV is empty.");
        }

        var columns = header.Split(',').Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"c{i} text")).ToArray();
        await using var connection = new NpgsqlConnection(location.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, $"DROP TABLE IF EXISTS bench_copy_baseline; CREATE TABLE bench_copy_baseline ({string.Join(", ", columns)})");
        try
        {
            var serverCpu = await PostgresServerCpu.StartAsync(location.ConnectionString);
            var clock = Stopwatch.StartNew();
            await using (var copy = await connection.BeginTextImportAsync("COPY bench_copy_baseline FROM STDIN (FORMAT csv, HEADER true)"))
            using (var file = new StreamReader(csvPath, Encoding.UTF8))
            {
                var buffer = new char[1 << 16];
                int read;
                while ((read = await file.ReadAsync(buffer)) > 0)
                {
                    await copy.WriteAsync(buffer.AsMemory(0, read));
                }
            }

            clock.Stop();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM bench_copy_baseline", connection);
            var rows = (long)(await count.ExecuteScalarAsync())!;
            var serverTime = serverCpu is null ? (TimeSpan?)null : await serverCpu.ElapsedAsync();
            var server = serverTime is { } t ? string.Create(CultureInfo.InvariantCulture, $", PostgreSQL backends CPU {t.TotalMicroseconds / rows:F2} us/row") : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plain COPY FROM (csv, {rows:N0} rows): {rows / clock.Elapsed.TotalSeconds:N0} rows/s, {clock.Elapsed.TotalSeconds:F2} s{server}"));
            return 0;
        }
        finally
        {
            await Execute(connection, "DROP TABLE IF EXISTS bench_copy_baseline");
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

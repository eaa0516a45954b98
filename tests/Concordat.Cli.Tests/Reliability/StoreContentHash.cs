using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Concordat.Cli.Tests.Reliability;

/// <summary>
/// A SHA-256 over what a SQLite hub store shows its users, free of run ids and timestamps, so a store that crashed and
/// re-ran can be compared with one that never crashed: every record version (dataset, key, version, deleted, payload),
/// the rows quarantined by succeeded runs (source file digest, row, values, reasons, as a set: a re-run of the same
/// file quarantines the same rows again), persons with their golden records and links, and the review queue.
/// </summary>
public static class StoreContentHash
{
    private static readonly string[] Queries =
    [
        """
        SELECT 'v', d.id, v.record_key, v.version, v.is_deleted, v.payload
        FROM record_versions v JOIN datasets d ON d.no = v.dataset_no
        ORDER BY d.id, v.record_key, v.version
        """,
        """
        SELECT DISTINCT 'q', d.id, r.source_sha256, q.row_number, q.values_json, q.reasons
        FROM quarantine q JOIN ingest_runs r ON r.id = q.run_id JOIN datasets d ON d.no = r.dataset_no
        WHERE r.status = 'Succeeded'
        ORDER BY 2, 3, 4, 5, 6
        """,
        "SELECT 'p', person_id, golden, record_count FROM persons ORDER BY person_id",
        "SELECT 'r', dataset_id, record_key, person_id FROM person_records ORDER BY dataset_id, record_key",
        """
        SELECT 'l', left_dataset, left_key, right_dataset, right_key, match_weight, match_probability, explanation, status, decided_by
        FROM link_reviews ORDER BY left_dataset, left_key, right_dataset, right_key
        """,
    ];

    /// <summary>The hash of the store at <paramref name="databasePath"/>, as lower-case hex.</summary>
    public static string Compute(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var query in Queries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = query;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var line = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    // Length-prefixed, so no value can pose as two.
                    var value = reader.IsDBNull(i) ? "\u2400" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
                    line.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
                }

                hash.AppendData(Encoding.UTF8.GetBytes(line.Append('\n').ToString()));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Runs that are neither succeeded nor failed (a run the store shows as still going).</summary>
    public static long UnfinishedRuns(string databasePath) =>
        Scalar(databasePath, "SELECT count(*) FROM ingest_runs WHERE status NOT IN ('Succeeded', 'Failed')");

    /// <summary><c>PRAGMA integrity_check</c> of the database file.</summary>
    public static string IntegrityCheck(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }

    private static long Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

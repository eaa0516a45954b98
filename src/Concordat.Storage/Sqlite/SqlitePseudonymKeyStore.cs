using Concordat.Core;
using Concordat.Core.Governance;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Pseudonymisation keys, sealed under the master key, in the embedded SQLite database.</summary>
public sealed class SqlitePseudonymKeyStore : IPseudonymKeyStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public SqlitePseudonymKeyStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task<Result<PseudonymKey>> AddCurrentAsync(PseudonymKey key, byte[] sealedKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(sealedKey);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using (var retire = connection.CreateCommand())
        {
            retire.Transaction = transaction;
            retire.CommandText = "UPDATE pseudonym_keys SET retired_at = $at WHERE agreement_id = $agreement AND retired_at IS NULL";
            retire.Parameters.AddWithValue("$at", SqliteText.FromTime(key.CreatedAt));
            retire.Parameters.AddWithValue("$agreement", key.AgreementId);
            retire.ExecuteNonQuery();
        }

        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO pseudonym_keys (key_id, agreement_id, version, sealed_key, created_at, retired_at) VALUES ($id, $agreement, $version, $sealed, $created, NULL)";
            insert.Parameters.AddWithValue("$id", key.KeyId);
            insert.Parameters.AddWithValue("$agreement", key.AgreementId);
            insert.Parameters.AddWithValue("$version", key.Version);
            insert.Parameters.AddWithValue("$sealed", sealedKey);
            insert.Parameters.AddWithValue("$created", SqliteText.FromTime(key.CreatedAt));
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
            {
                return Task.FromResult<Result<PseudonymKey>>(Error.Conflict("agreement.changed", $"The key of agreement '{key.AgreementId}' was rotated by someone else; reload it and try again."));
            }
        }

        transaction.Commit();
        return Task.FromResult<Result<PseudonymKey>>(key);
    }

    /// <inheritdoc />
    public Task<(PseudonymKey Key, byte[] Sealed)?> GetAsync(string keyId, CancellationToken cancellationToken)
    {
        using var connection = _database.Borrow();
        var command = connection.Command("SELECT key_id, agreement_id, version, created_at, retired_at, sealed_key FROM pseudonym_keys WHERE key_id = $id");
        command.Parameters.AddWithValue("$id", keyId);
        using var reader = command.ExecuteReader();
        (PseudonymKey, byte[])? found = reader.Read() ? (Read(reader), (byte[])reader.GetValue(5)) : null;
        return Task.FromResult(found);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PseudonymKey>> ListAsync(string agreementId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key_id, agreement_id, version, created_at, retired_at FROM pseudonym_keys WHERE agreement_id = $agreement ORDER BY version";
        command.Parameters.AddWithValue("$agreement", agreementId);
        using var reader = command.ExecuteReader();
        var list = new List<PseudonymKey>();
        while (reader.Read())
        {
            list.Add(Read(reader));
        }

        return Task.FromResult<IReadOnlyList<PseudonymKey>>(list);
    }

    private static PseudonymKey Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), SqliteText.ToTime(reader.GetString(3)),
            SqliteText.ToTimeOrNull(reader.IsDBNull(4) ? null : reader.GetString(4)));
}

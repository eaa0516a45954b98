using Concordat.Core;
using Concordat.Core.Governance;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>Pseudonymisation keys, sealed under the master key, in PostgreSQL.</summary>
public sealed class PostgresPseudonymKeyStore : IPseudonymKeyStore
{
    private readonly PostgresDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresPseudonymKeyStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<Result<PseudonymKey>> AddCurrentAsync(PseudonymKey key, byte[] sealedKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(sealedKey);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var retire = new NpgsqlCommand("UPDATE pseudonym_keys SET retired_at = $1 WHERE agreement_id = $2 AND retired_at IS NULL", connection, transaction))
        {
            retire.Parameters.Add(Pg.Time(key.CreatedAt));
            retire.Parameters.Add(Pg.Text(key.AgreementId));
            await retire.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO pseudonym_keys (key_id, agreement_id, version, sealed_key, created_at, retired_at) VALUES ($1, $2, $3, $4, $5, NULL)", connection, transaction))
        {
            insert.Parameters.Add(Pg.Text(key.KeyId));
            insert.Parameters.Add(Pg.Text(key.AgreementId));
            insert.Parameters.Add(Pg.Int(key.Version));
            insert.Parameters.Add(Pg.Bytes(sealedKey));
            insert.Parameters.Add(Pg.Time(key.CreatedAt));
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (PostgresErrors.IsUniqueViolation(ex))
            {
                return Error.Conflict("agreement.changed", $"The key of agreement '{key.AgreementId}' was rotated by someone else; reload it and try again.");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <inheritdoc />
    public async Task<(PseudonymKey Key, byte[] Sealed)?> GetAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT key_id, agreement_id, version, created_at, retired_at, sealed_key FROM pseudonym_keys WHERE key_id = $1", connection);
        command.Parameters.Add(Pg.Text(keyId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (Read(reader), reader.GetFieldValue<byte[]>(5)) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PseudonymKey>> ListAsync(string agreementId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT key_id, agreement_id, version, created_at, retired_at FROM pseudonym_keys WHERE agreement_id = $1 ORDER BY version", connection);
        command.Parameters.Add(Pg.Text(agreementId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<PseudonymKey>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static PseudonymKey Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), Pg.ReadTime(reader, 3), Pg.ReadTimeOrNull(reader, 4));
}

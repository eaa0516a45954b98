using Concordat.Core;
using Concordat.Core.Catalogue;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>API clients in PostgreSQL; secrets only as salted hashes.</summary>
public sealed class PostgresClientStore : IClientStore
{
    private const string Columns = "client_id, organisation_id, name, roles, created_at, disabled_at, secret_salt, secret_hash";
    private const string SelectClient = "SELECT client_id, organisation_id, name, roles, created_at, disabled_at FROM api_clients WHERE client_id = $1";
    private readonly PostgresDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresClientStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<Result<ApiClient>> CreateClientAsync(ApiClient client, ClientSecretHash secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(secret);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"INSERT INTO api_clients ({Columns}) VALUES ($1, $2, $3, $4, $5, NULL, $6, $7)", connection);
        command.Parameters.Add(Pg.Text(client.ClientId));
        command.Parameters.Add(Pg.Text(client.OrganisationId));
        command.Parameters.Add(Pg.Text(client.Name));
        command.Parameters.Add(Pg.Int((int)client.Roles));
        command.Parameters.Add(Pg.Time(client.CreatedAt));
        command.Parameters.Add(Pg.Bytes(secret.Salt));
        command.Parameters.Add(Pg.Bytes(secret.Hash));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (PostgresErrors.IsUniqueViolation(ex))
        {
            return Error.Conflict("client.exists", $"A client with id '{client.ClientId}' already exists.");
        }
        catch (PostgresException ex) when (PostgresErrors.IsForeignKeyViolation(ex))
        {
            return Error.NotFound("organisation.not_found", $"No organisation '{client.OrganisationId}'.");
        }

        return client;
    }

    /// <inheritdoc />
    public async Task<(ApiClient Client, ClientSecretHash Secret)?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM api_clients WHERE client_id = $1", connection);
        command.Parameters.Add(Pg.Text(clientId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (Read(reader), new ClientSecretHash(reader.GetFieldValue<byte[]>(6), reader.GetFieldValue<byte[]>(7)))
            : null;
    }

    /// <inheritdoc />
    public async Task<ApiClient?> GetClientAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(SelectClient, connection);
        command.Parameters.Add(Pg.Text(clientId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<Result<ApiClient>> DisableClientAsync(string clientId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "UPDATE api_clients SET disabled_at = COALESCE(disabled_at, $2) WHERE client_id = $1 RETURNING client_id, organisation_id, name, roles, created_at, disabled_at",
            connection);
        command.Parameters.Add(Pg.Text(clientId));
        command.Parameters.Add(Pg.Time(at));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? Read(reader)
            : Error.NotFound("client.not_found", $"No client '{clientId}'.");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiClient>> ListClientsAsync(string? organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            organisationId is null
                ? $"SELECT {Columns} FROM api_clients ORDER BY client_id"
                : $"SELECT {Columns} FROM api_clients WHERE organisation_id = $1 ORDER BY client_id",
            connection);
        if (organisationId is not null)
        {
            command.Parameters.Add(Pg.Text(organisationId));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ApiClient>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static ApiClient Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), (ClientRole)reader.GetInt32(3), Pg.ReadTime(reader, 4))
        {
            DisabledAt = Pg.ReadTimeOrNull(reader, 5),
        };
}

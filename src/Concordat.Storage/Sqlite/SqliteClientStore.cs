using Concordat.Core;
using Concordat.Core.Catalogue;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>API clients in the embedded SQLite database.</summary>
public sealed class SqliteClientStore : IClientStore
{
    private const string Columns = "client_id, organisation_id, name, roles, created_at, disabled_at, secret_salt, secret_hash";
    private const string SelectClient = "SELECT client_id, organisation_id, name, roles, created_at, disabled_at FROM api_clients WHERE client_id = $id";
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public SqliteClientStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task<Result<ApiClient>> CreateClientAsync(ApiClient client, ClientSecretHash secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(secret);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO api_clients ({Columns}) VALUES ($id, $org, $name, $roles, $created, NULL, $salt, $hash)";
        command.Parameters.AddWithValue("$id", client.ClientId);
        command.Parameters.AddWithValue("$org", client.OrganisationId);
        command.Parameters.AddWithValue("$name", client.Name);
        command.Parameters.AddWithValue("$roles", (int)client.Roles);
        command.Parameters.AddWithValue("$created", SqliteText.FromTime(client.CreatedAt));
        command.Parameters.AddWithValue("$salt", secret.Salt);
        command.Parameters.AddWithValue("$hash", secret.Hash);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
        {
            return Task.FromResult<Result<ApiClient>>(Error.Conflict("client.exists", $"A client with id '{client.ClientId}' already exists."));
        }
        catch (SqliteException ex) when (SqliteErrors.IsForeignKeyViolation(ex))
        {
            return Task.FromResult<Result<ApiClient>>(Error.NotFound("organisation.not_found", $"No organisation '{client.OrganisationId}'."));
        }

        return Task.FromResult<Result<ApiClient>>(client);
    }

    /// <inheritdoc />
    public Task<(ApiClient Client, ClientSecretHash Secret)?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_clients WHERE client_id = $id";
        command.Parameters.AddWithValue("$id", clientId);
        using var reader = command.ExecuteReader();
        (ApiClient, ClientSecretHash)? found = reader.Read()
            ? (ReadClient(reader), new ClientSecretHash((byte[])reader.GetValue(6), (byte[])reader.GetValue(7)))
            : null;
        return Task.FromResult(found);
    }

    /// <inheritdoc />
    public Task<ApiClient?> GetClientAsync(string clientId, CancellationToken cancellationToken)
    {
        // A lent connection keeps this statement prepared: it runs on every authenticated request.
        using var connection = _database.Borrow();
        var command = connection.Command(SelectClient);
        command.Parameters.AddWithValue("$id", clientId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadClient(reader) : null);
    }

    /// <inheritdoc />
    public Task<Result<ApiClient>> DisableClientAsync(string clientId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_clients SET disabled_at = COALESCE(disabled_at, $at) WHERE client_id = $id";
        command.Parameters.AddWithValue("$id", clientId);
        command.Parameters.AddWithValue("$at", SqliteText.FromTime(at));
        if (command.ExecuteNonQuery() == 0)
        {
            return Task.FromResult<Result<ApiClient>>(Error.NotFound("client.not_found", $"No client '{clientId}'."));
        }

        using var read = connection.CreateCommand();
        read.CommandText = SelectClient;
        read.Parameters.AddWithValue("$id", clientId);
        using var reader = read.ExecuteReader();
        reader.Read();
        return Task.FromResult<Result<ApiClient>>(ReadClient(reader));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiClient>> ListClientsAsync(string? organisationId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_clients WHERE $org IS NULL OR organisation_id = $org ORDER BY client_id";
        command.Parameters.AddWithValue("$org", (object?)organisationId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var list = new List<ApiClient>();
        while (reader.Read())
        {
            list.Add(ReadClient(reader));
        }

        return Task.FromResult<IReadOnlyList<ApiClient>>(list);
    }

    private static ApiClient ReadClient(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), (ClientRole)reader.GetInt32(3), SqliteText.ToTime(reader.GetString(4)))
        {
            DisabledAt = SqliteText.ToTimeOrNull(reader.IsDBNull(5) ? null : reader.GetString(5)),
        };
}

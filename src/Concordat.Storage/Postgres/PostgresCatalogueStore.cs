using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>The catalogue in PostgreSQL. Schemas are stored as Frictionless Table Schema JSON text.</summary>
public sealed class PostgresCatalogueStore : ICatalogueStore
{
    private const string DatasetColumns = "id, organisation_id, title, description, keywords, schema_json, schema_version, created_at, updated_at";
    private readonly PostgresDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresCatalogueStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<Result<Organisation>> CreateOrganisationAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("INSERT INTO organisations (id, name, homepage, contact_email, created_at) VALUES ($1, $2, $3, $4, $5)", connection);
        command.Parameters.Add(Pg.Text(organisation.Id));
        command.Parameters.Add(Pg.Text(organisation.Name));
        command.Parameters.Add(Pg.Text(organisation.Homepage?.ToString()));
        command.Parameters.Add(Pg.Text(organisation.ContactEmail));
        command.Parameters.Add(Pg.Time(organisation.CreatedAt));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (PostgresErrors.IsUniqueViolation(ex))
        {
            return Error.Conflict("organisation.exists", $"An organisation with id '{organisation.Id}' already exists.");
        }

        return organisation;
    }

    /// <inheritdoc />
    public async Task<Organisation?> GetOrganisationAsync(string id, CancellationToken cancellationToken)
    {
        var list = await ReadOrganisationsAsync("SELECT id, name, homepage, contact_email, created_at FROM organisations WHERE id = $1", id, cancellationToken).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Organisation>> ListOrganisationsAsync(CancellationToken cancellationToken) =>
        await ReadOrganisationsAsync("SELECT id, name, homepage, contact_email, created_at FROM organisations ORDER BY id", null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<Result<Dataset>> CreateDatasetAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var schemaJson = TableSchemaJson.ToJson(dataset.Schema).ToJsonString();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand($"INSERT INTO datasets ({DatasetColumns}) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8)", connection, transaction))
        {
            command.Parameters.Add(Pg.Text(dataset.Id));
            command.Parameters.Add(Pg.Text(dataset.OrganisationId));
            command.Parameters.Add(Pg.Text(dataset.Title));
            command.Parameters.Add(Pg.Text(dataset.Description));
            command.Parameters.Add(Pg.Text(JsonSerializer.Serialize(dataset.Keywords, ConcordatJson.Options)));
            command.Parameters.Add(Pg.Text(schemaJson));
            command.Parameters.Add(Pg.Time(dataset.CreatedAt));
            command.Parameters.Add(Pg.Time(dataset.UpdatedAt));
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (PostgresErrors.IsUniqueViolation(ex))
            {
                return Error.Conflict("dataset.exists", $"A dataset with id '{dataset.Id}' already exists.");
            }
            catch (PostgresException ex) when (PostgresErrors.IsForeignKeyViolation(ex))
            {
                return Error.NotFound("organisation.not_found", $"No organisation '{dataset.OrganisationId}'.");
            }
        }

        await InsertSchemaVersionAsync(connection, transaction, dataset.Id, 1, schemaJson, dataset.UpdatedAt, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return dataset with { SchemaVersion = 1 };
    }

    /// <inheritdoc />
    public async Task<Result<Dataset>> UpdateSchemaAsync(string id, DatasetSchema schema, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var now = DateTimeOffset.UtcNow;
        var schemaJson = TableSchemaJson.ToJson(schema).ToJsonString();
        await using (var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = new NpgsqlCommand(
                "UPDATE datasets SET schema_json = $1, schema_version = schema_version + 1, updated_at = $2 WHERE id = $3 AND schema_version = $4",
                connection,
                transaction);
            command.Parameters.Add(Pg.Text(schemaJson));
            command.Parameters.Add(Pg.Time(now));
            command.Parameters.Add(Pg.Text(id));
            command.Parameters.Add(Pg.Int(expectedVersion));
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                var current = await GetDatasetAsync(id, cancellationToken).ConfigureAwait(false);
                return current is null
                    ? Error.NotFound("dataset.not_found", $"No dataset '{id}'.")
                    : Error.Conflict("dataset.schema_version_conflict", $"The schema is at version {current.SchemaVersion}, not {expectedVersion}; reload and try again.");
            }

            await InsertSchemaVersionAsync(connection, transaction, id, expectedVersion + 1, schemaJson, now, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return (await GetDatasetAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<Dataset?> GetDatasetAsync(string id, CancellationToken cancellationToken)
    {
        var list = await ReadDatasetsAsync($"SELECT {DatasetColumns} FROM datasets WHERE id = $1", id, cancellationToken).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Dataset>> ListDatasetsAsync(string? organisationId, CancellationToken cancellationToken) =>
        organisationId is null
            ? await ReadDatasetsAsync($"SELECT {DatasetColumns} FROM datasets ORDER BY id", null, cancellationToken).ConfigureAwait(false)
            : await ReadDatasetsAsync($"SELECT {DatasetColumns} FROM datasets WHERE organisation_id = $1 ORDER BY id", organisationId, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<Result<SourceDefinition>> PutSourceAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO sources (dataset_no, name, mapping_json, updated_at)
            SELECT no, $2, $3, $4 FROM datasets WHERE id = $1
            ON CONFLICT (dataset_no, name) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at
            """,
            connection);
        command.Parameters.Add(Pg.Text(source.DatasetId));
        command.Parameters.Add(Pg.Text(source.Name));
        command.Parameters.Add(Pg.Text(JsonSerializer.Serialize(source.Mapping, ConcordatJson.Options)));
        command.Parameters.Add(Pg.Time(source.UpdatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0
            ? Error.NotFound("dataset.not_found", $"No dataset '{source.DatasetId}'.")
            : source;
    }

    /// <inheritdoc />
    public async Task<SourceDefinition?> GetSourceAsync(string datasetId, string name, CancellationToken cancellationToken)
    {
        var list = await ReadSourcesAsync(datasetId, name, cancellationToken).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SourceDefinition>> ListSourcesAsync(string datasetId, CancellationToken cancellationToken) =>
        await ReadSourcesAsync(datasetId, null, cancellationToken).ConfigureAwait(false);

    private static async Task InsertSchemaVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string datasetId, int version, string schemaJson, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO dataset_schema_versions (dataset_no, version, schema_json, created_at) SELECT no, $2, $3, $4 FROM datasets WHERE id = $1",
            connection,
            transaction);
        command.Parameters.Add(Pg.Text(datasetId));
        command.Parameters.Add(Pg.Int(version));
        command.Parameters.Add(Pg.Text(schemaJson));
        command.Parameters.Add(Pg.Time(at));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<Organisation>> ReadOrganisationsAsync(string sql, string? parameter, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(Pg.Text(parameter));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Organisation>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new Organisation(reader.GetString(0), reader.GetString(1), Pg.ReadTime(reader, 4))
            {
                Homepage = reader.IsDBNull(2) ? null : new Uri(reader.GetString(2)),
                ContactEmail = reader.IsDBNull(3) ? null : reader.GetString(3),
            });
        }

        return list;
    }

    private async Task<List<Dataset>> ReadDatasetsAsync(string sql, string? parameter, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(Pg.Text(parameter));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Dataset>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Stored schemas were validated on the way in; a failure here means the database was altered out of band.
            var schema = TableSchemaJson.Parse(reader.GetString(5));
            if (!schema.IsSuccess)
            {
                throw new InvalidDataException($"Stored schema of dataset '{reader.GetString(0)}' is corrupt: {schema.Errors[0].Message}");
            }

            list.Add(new Dataset(reader.GetString(0), reader.GetString(1), reader.GetString(2), schema.Value)
            {
                Description = reader.IsDBNull(3) ? null : reader.GetString(3),
                Keywords = JsonSerializer.Deserialize<List<string>>(reader.GetString(4), ConcordatJson.Options) ?? [],
                SchemaVersion = reader.GetInt32(6),
                CreatedAt = Pg.ReadTime(reader, 7),
                UpdatedAt = Pg.ReadTime(reader, 8),
            });
        }

        return list;
    }

    private async Task<List<SourceDefinition>> ReadSourcesAsync(string datasetId, string? name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            name is null
                ? "SELECT s.name, s.mapping_json, s.updated_at FROM sources s JOIN datasets d ON d.no = s.dataset_no WHERE d.id = $1 ORDER BY s.name"
                : "SELECT s.name, s.mapping_json, s.updated_at FROM sources s JOIN datasets d ON d.no = s.dataset_no WHERE d.id = $1 AND s.name = $2",
            connection);
        command.Parameters.Add(Pg.Text(datasetId));
        if (name is not null)
        {
            command.Parameters.Add(Pg.Text(name));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<SourceDefinition>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new SourceDefinition(
                datasetId,
                reader.GetString(0),
                JsonSerializer.Deserialize<IngestMapping>(reader.GetString(1), ConcordatJson.Options)!,
                Pg.ReadTime(reader, 2)));
        }

        return list;
    }
}

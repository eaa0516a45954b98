using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>The catalogue in the embedded SQLite database. Schemas are stored as Frictionless Table Schema JSON.</summary>
public sealed class SqliteCatalogueStore : ICatalogueStore
{
    private const string DatasetColumns = "id, organisation_id, title, description, keywords, schema_json, schema_version, created_at, updated_at";
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public SqliteCatalogueStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task<Result<Organisation>> CreateOrganisationAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO organisations (id, name, homepage, contact_email, created_at) VALUES ($id, $name, $homepage, $email, $created)";
        command.Parameters.AddWithValue("$id", organisation.Id);
        command.Parameters.AddWithValue("$name", organisation.Name);
        command.Parameters.AddWithValue("$homepage", (object?)organisation.Homepage?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$email", (object?)organisation.ContactEmail ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", SqliteText.FromTime(organisation.CreatedAt));
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
        {
            return Task.FromResult<Result<Organisation>>(Error.Conflict("organisation.exists", $"An organisation with id '{organisation.Id}' already exists."));
        }

        return Task.FromResult<Result<Organisation>>(organisation);
    }

    /// <inheritdoc />
    public Task<Organisation?> GetOrganisationAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, homepage, contact_email, created_at FROM organisations WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadOrganisation(reader) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Organisation>> ListOrganisationsAsync(CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, homepage, contact_email, created_at FROM organisations ORDER BY id";
        using var reader = command.ExecuteReader();
        var list = new List<Organisation>();
        while (reader.Read())
        {
            list.Add(ReadOrganisation(reader));
        }

        return Task.FromResult<IReadOnlyList<Organisation>>(list);
    }

    /// <inheritdoc />
    public Task<Result<Dataset>> CreateDatasetAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var schemaJson = TableSchemaJson.ToJson(dataset.Schema).ToJsonString();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO datasets ({DatasetColumns}) VALUES ($id, $org, $title, $description, $keywords, $schema, 1, $created, $updated)";
            command.Parameters.AddWithValue("$id", dataset.Id);
            command.Parameters.AddWithValue("$org", dataset.OrganisationId);
            command.Parameters.AddWithValue("$title", dataset.Title);
            command.Parameters.AddWithValue("$description", (object?)dataset.Description ?? DBNull.Value);
            command.Parameters.AddWithValue("$keywords", JsonSerializer.Serialize(dataset.Keywords, ConcordatJson.Options));
            command.Parameters.AddWithValue("$schema", schemaJson);
            command.Parameters.AddWithValue("$created", SqliteText.FromTime(dataset.CreatedAt));
            command.Parameters.AddWithValue("$updated", SqliteText.FromTime(dataset.UpdatedAt));
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
            {
                return Task.FromResult<Result<Dataset>>(Error.Conflict("dataset.exists", $"A dataset with id '{dataset.Id}' already exists."));
            }
            catch (SqliteException ex) when (SqliteErrors.IsForeignKeyViolation(ex))
            {
                return Task.FromResult<Result<Dataset>>(Error.NotFound("organisation.not_found", $"No organisation '{dataset.OrganisationId}'."));
            }
        }

        InsertSchemaVersion(connection, transaction, dataset.Id, 1, schemaJson, dataset.UpdatedAt);
        transaction.Commit();
        return Task.FromResult<Result<Dataset>>(dataset with { SchemaVersion = 1 });
    }

    /// <inheritdoc />
    public async Task<Result<Dataset>> UpdateSchemaAsync(string id, DatasetSchema schema, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var now = DateTimeOffset.UtcNow;
        var schemaJson = TableSchemaJson.ToJson(schema).ToJsonString();
        using (var connection = _database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE datasets SET schema_json = $schema, schema_version = schema_version + 1, updated_at = $now WHERE id = $id AND schema_version = $expected";
            command.Parameters.AddWithValue("$schema", schemaJson);
            command.Parameters.AddWithValue("$now", SqliteText.FromTime(now));
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$expected", expectedVersion);
            if (command.ExecuteNonQuery() == 0)
            {
                var current = await GetDatasetAsync(id, cancellationToken).ConfigureAwait(false);
                return current is null
                    ? Error.NotFound("dataset.not_found", $"No dataset '{id}'.")
                    : Error.Conflict("dataset.schema_version_conflict", $"The schema is at version {current.SchemaVersion}, not {expectedVersion}; reload and try again.");
            }

            InsertSchemaVersion(connection, transaction, id, expectedVersion + 1, schemaJson, now);
            transaction.Commit();
        }

        return (await GetDatasetAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public Task<Dataset?> GetDatasetAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DatasetColumns} FROM datasets WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadDataset(reader) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Dataset>> ListDatasetsAsync(string? organisationId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DatasetColumns} FROM datasets WHERE $org IS NULL OR organisation_id = $org ORDER BY id";
        command.Parameters.AddWithValue("$org", (object?)organisationId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var list = new List<Dataset>();
        while (reader.Read())
        {
            list.Add(ReadDataset(reader));
        }

        return Task.FromResult<IReadOnlyList<Dataset>>(list);
    }

    /// <inheritdoc />
    public Task<Result<SourceDefinition>> PutSourceAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO sources (dataset_no, name, mapping_json, updated_at)
            SELECT no, $name, $mapping, $updated FROM datasets WHERE id = $dataset
            ON CONFLICT (dataset_no, name) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$dataset", source.DatasetId);
        command.Parameters.AddWithValue("$name", source.Name);
        command.Parameters.AddWithValue("$mapping", JsonSerializer.Serialize(source.Mapping, ConcordatJson.Options));
        command.Parameters.AddWithValue("$updated", SqliteText.FromTime(source.UpdatedAt));
        return Task.FromResult<Result<SourceDefinition>>(command.ExecuteNonQuery() == 0
            ? Error.NotFound("dataset.not_found", $"No dataset '{source.DatasetId}'.")
            : source);
    }

    /// <inheritdoc />
    public Task<SourceDefinition?> GetSourceAsync(string datasetId, string name, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT s.name, s.mapping_json, s.updated_at FROM sources s JOIN datasets d ON d.no = s.dataset_no WHERE d.id = $dataset AND s.name = $name";
        command.Parameters.AddWithValue("$dataset", datasetId);
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadSource(datasetId, reader) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SourceDefinition>> ListSourcesAsync(string datasetId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT s.name, s.mapping_json, s.updated_at FROM sources s JOIN datasets d ON d.no = s.dataset_no WHERE d.id = $dataset ORDER BY s.name";
        command.Parameters.AddWithValue("$dataset", datasetId);
        using var reader = command.ExecuteReader();
        var list = new List<SourceDefinition>();
        while (reader.Read())
        {
            list.Add(ReadSource(datasetId, reader));
        }

        return Task.FromResult<IReadOnlyList<SourceDefinition>>(list);
    }

    private static void InsertSchemaVersion(SqliteConnection connection, SqliteTransaction transaction, string datasetId, int version, string schemaJson, DateTimeOffset at)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO dataset_schema_versions (dataset_no, version, schema_json, created_at) SELECT no, $v, $schema, $at FROM datasets WHERE id = $id";
        command.Parameters.AddWithValue("$id", datasetId);
        command.Parameters.AddWithValue("$v", version);
        command.Parameters.AddWithValue("$schema", schemaJson);
        command.Parameters.AddWithValue("$at", SqliteText.FromTime(at));
        command.ExecuteNonQuery();
    }

    private static Organisation ReadOrganisation(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), SqliteText.ToTime(reader.GetString(4)))
        {
            Homepage = reader.IsDBNull(2) ? null : new Uri(reader.GetString(2)),
            ContactEmail = reader.IsDBNull(3) ? null : reader.GetString(3),
        };

    private static Dataset ReadDataset(SqliteDataReader reader)
    {
        // Stored schemas were validated on the way in; a failure here means the file was altered out of band.
        var schema = TableSchemaJson.Parse(reader.GetString(5));
        if (!schema.IsSuccess)
        {
            throw new InvalidDataException($"Stored schema of dataset '{reader.GetString(0)}' is corrupt: {schema.Errors[0].Message}");
        }

        return new Dataset(reader.GetString(0), reader.GetString(1), reader.GetString(2), schema.Value)
        {
            Description = reader.IsDBNull(3) ? null : reader.GetString(3),
            Keywords = JsonSerializer.Deserialize<List<string>>(reader.GetString(4), ConcordatJson.Options) ?? [],
            SchemaVersion = reader.GetInt32(6),
            CreatedAt = SqliteText.ToTime(reader.GetString(7)),
            UpdatedAt = SqliteText.ToTime(reader.GetString(8)),
        };
    }

    private static SourceDefinition ReadSource(string datasetId, SqliteDataReader reader) =>
        new(
            datasetId,
            reader.GetString(0),
            JsonSerializer.Deserialize<IngestMapping>(reader.GetString(1), ConcordatJson.Options)!,
            SqliteText.ToTime(reader.GetString(2)));
}

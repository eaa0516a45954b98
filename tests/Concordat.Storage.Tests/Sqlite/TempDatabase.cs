using Concordat.Core.Catalogue;
using Concordat.Storage.Sqlite;

namespace Concordat.Storage.Tests.Sqlite;

/// <summary>A real SQLite file in a fresh temp directory, deleted afterwards; each test class owns its own.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "concordat-tests", Guid.NewGuid().ToString("N"));
        Database = new SqliteDatabase(Path.Combine(Directory, "concordat.db"));
        Database.Migrate();
        Catalogue = new SqliteCatalogueStore(Database);
        Ingest = new SqliteIngestStore(Database);
        Records = new SqliteRecordStore(Database);
        Clients = new SqliteClientStore(Database);
    }

    public string Directory { get; }

    public SqliteDatabase Database { get; }

    public SqliteCatalogueStore Catalogue { get; }

    public SqliteIngestStore Ingest { get; }

    public SqliteRecordStore Records { get; }

    public SqliteClientStore Clients { get; }

    public static DatasetSchema PersonSchema() => new(
        [
            new SchemaField("recordId", FieldType.String) { Constraints = new FieldConstraints { Required = true } },
            new SchemaField("nino", FieldType.String) { Identifier = IdentifierKind.Nino, PersonalData = PersonalDataCategory.Personal },
            new SchemaField("familyName", FieldType.String) { PersonalData = PersonalDataCategory.Personal },
            new SchemaField("dateOfBirth", FieldType.Date) { PersonalData = PersonalDataCategory.Personal },
        ],
        ["recordId"]);

    public async Task<Dataset> SeedDatasetAsync(string orgId = "hmrc", string datasetId = "hmrc-taxpayers")
    {
        var now = DateTimeOffset.UtcNow;
        if (await Catalogue.GetOrganisationAsync(orgId, CancellationToken.None) is null)
        {
            (await Catalogue.CreateOrganisationAsync(new Organisation(orgId, "HM Revenue and Customs", now), CancellationToken.None)).Value.ToString();
        }

        return (await Catalogue.CreateDatasetAsync(new Dataset(datasetId, orgId, "Taxpayers", PersonSchema()) { CreatedAt = now, UpdatedAt = now }, CancellationToken.None)).Value;
    }

    public void Dispose()
    {
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}

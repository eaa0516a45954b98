using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;

namespace Concordat.Storage.Tests.Sqlite;

public sealed class SqliteCatalogueStoreTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public async Task Duplicate_organisation_id_is_a_conflict()
    {
        var org = new Organisation("dwp", "Department for Work and Pensions", DateTimeOffset.UtcNow);
        Assert.True((await _db.Catalogue.CreateOrganisationAsync(org, default)).IsSuccess);
        var again = await _db.Catalogue.CreateOrganisationAsync(org, default);
        Assert.False(again.IsSuccess);
        Assert.Equal(ErrorKind.Conflict, again.Errors[0].Kind);
    }

    [Fact]
    public async Task Dataset_for_unknown_organisation_is_not_found()
    {
        var result = await _db.Catalogue.CreateDatasetAsync(new Dataset("x-data", "nobody", "X", TempDatabase.PersonSchema()), default);
        Assert.Equal(ErrorKind.NotFound, result.Errors.Single().Kind);
    }

    [Fact]
    public async Task Dataset_round_trips_with_its_schema_properties()
    {
        await _db.SeedDatasetAsync();
        var dataset = await _db.Catalogue.GetDatasetAsync("hmrc-taxpayers", default);
        Assert.NotNull(dataset);
        Assert.Equal(1, dataset.SchemaVersion);
        Assert.Equal(["recordId"], dataset.Schema.PrimaryKey);
        var nino = dataset.Schema.Find("nino")!;
        Assert.Equal(IdentifierKind.Nino, nino.Identifier);
        Assert.Equal(PersonalDataCategory.Personal, nino.PersonalData);
        Assert.True(dataset.Schema.Find("recordId")!.Constraints.Required);
    }

    [Fact]
    public async Task Schema_update_with_stale_version_is_a_conflict_and_changes_nothing()
    {
        await _db.SeedDatasetAsync();
        var extended = new DatasetSchema([.. TempDatabase.PersonSchema().Fields, new SchemaField("town", FieldType.String)], ["recordId"]);
        var updated = await _db.Catalogue.UpdateSchemaAsync("hmrc-taxpayers", extended, expectedVersion: 1, default);
        Assert.Equal(2, updated.Value.SchemaVersion);

        var stale = await _db.Catalogue.UpdateSchemaAsync("hmrc-taxpayers", TempDatabase.PersonSchema(), expectedVersion: 1, default);
        Assert.Equal(ErrorKind.Conflict, stale.Errors.Single().Kind);
        Assert.NotNull((await _db.Catalogue.GetDatasetAsync("hmrc-taxpayers", default))!.Schema.Find("town"));
    }

    [Fact]
    public async Task Source_mapping_is_stored_and_replaced()
    {
        await _db.SeedDatasetAsync();
        var mapping = new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.Csv, Encoding = "windows-1252" },
            Fields = [new FieldMapping("nino") { From = "NI_NO", Transforms = [new TransformSpec("trim"), new TransformSpec("parseDate") { Formats = ["dd/MM/yyyy"] }] }],
        };
        await _db.Catalogue.PutSourceAsync(new SourceDefinition("hmrc-taxpayers", "paye", mapping, DateTimeOffset.UtcNow), default);
        await _db.Catalogue.PutSourceAsync(new SourceDefinition("hmrc-taxpayers", "paye", mapping with { Mode = RefreshMode.Incremental }, DateTimeOffset.UtcNow), default);

        var stored = await _db.Catalogue.GetSourceAsync("hmrc-taxpayers", "paye", default);
        Assert.NotNull(stored);
        Assert.Equal(RefreshMode.Incremental, stored.Mapping.Mode);
        Assert.Equal("windows-1252", stored.Mapping.Source.Encoding);
        Assert.Equal(["dd/MM/yyyy"], stored.Mapping.Fields[0].Transforms[1].Formats);
        Assert.Single(await _db.Catalogue.ListSourcesAsync("hmrc-taxpayers", default));
    }

    [Fact]
    public async Task Client_secret_is_stored_only_as_a_hash_that_verifies()
    {
        await _db.SeedDatasetAsync();
        var (secret, hash) = ClientSecretHash.Mint();
        await _db.Clients.CreateClientAsync(new ApiClient("hmrc-steward", "hmrc", "Steward", ClientRole.Steward, DateTimeOffset.UtcNow), hash, default);

        var found = await _db.Clients.FindClientAsync("hmrc-steward", default);
        Assert.NotNull(found);
        Assert.True(found.Value.Secret.Verify(secret));
        Assert.False(found.Value.Secret.Verify(secret + "x"));
        var bytes = await File.ReadAllBytesAsync(_db.Database.Path);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)));
    }

    public void Dispose() => _db.Dispose();
}

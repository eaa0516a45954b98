using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Storage.Tests.Sqlite;

namespace Concordat.Storage.Tests.Contracts;

/// <summary>What every <see cref="ICatalogueStore"/> and <see cref="IClientStore"/> must do, whatever the dialect.</summary>
public abstract class CatalogueStoreContract : StoreContract
{
    [Fact]
    public async Task Duplicate_organisation_id_is_a_conflict()
    {
        var org = new Organisation("dwp", "Department for Work and Pensions", TestStores.At(2026, 1, 1));
        Assert.True((await Stores.Catalogue.CreateOrganisationAsync(org, default)).IsSuccess);
        var again = await Stores.Catalogue.CreateOrganisationAsync(org with { Name = "Other" }, default);
        Assert.Equal(ErrorKind.Conflict, again.Errors.Single().Kind);
        Assert.Equal("Department for Work and Pensions", (await Stores.Catalogue.GetOrganisationAsync("dwp", default))!.Name);
    }

    [Fact]
    public async Task Organisation_round_trips_and_lists_in_code_point_order()
    {
        var at = TestStores.At(2026, 1, 1);
        foreach (var id in new[] { "b-org", "B-org", "a-org", "a_org" })
        {
            Assert.True((await Stores.Catalogue.CreateOrganisationAsync(new Organisation(id, "Name " + id, at) { Homepage = new Uri("https://example.gov.uk/" + id), ContactEmail = id + "@example.gov.uk" }, default)).IsSuccess);
        }

        // Ordinal order, as the hub's paging assumes: upper case before lower, '-' before '_'; never the server's locale.
        Assert.Equal(["B-org", "a-org", "a_org", "b-org"], (await Stores.Catalogue.ListOrganisationsAsync(default)).Select(o => o.Id));
        var found = await Stores.Catalogue.GetOrganisationAsync("a_org", default);
        Assert.Equal(new Uri("https://example.gov.uk/a_org"), found!.Homepage);
        Assert.Equal("a_org@example.gov.uk", found.ContactEmail);
        Assert.Equal(at, found.CreatedAt);
        Assert.Null(await Stores.Catalogue.GetOrganisationAsync("A_ORG", default));
    }

    [Fact]
    public async Task Dataset_for_unknown_organisation_is_not_found_and_a_taken_id_is_a_conflict()
    {
        var result = await Stores.Catalogue.CreateDatasetAsync(new Dataset("x-data", "nobody", "X", TempDatabase.PersonSchema()), default);
        Assert.Equal("organisation.not_found", result.Errors.Single().Code);
        await Stores.SeedDatasetAsync();
        var again = await Stores.Catalogue.CreateDatasetAsync(new Dataset("hmrc-taxpayers", "hmrc", "Again", TempDatabase.PersonSchema()), default);
        Assert.Equal("dataset.exists", again.Errors.Single().Code);
    }

    [Fact]
    public async Task Dataset_round_trips_with_its_schema_properties_and_lists_by_organisation()
    {
        await Stores.SeedDatasetAsync();
        await Stores.SeedDatasetAsync("dwp", "dwp-claimants");
        await Stores.SeedDatasetAsync("hmrc", "hmrc-employers");
        var dataset = await Stores.Catalogue.GetDatasetAsync("hmrc-taxpayers", default);
        Assert.NotNull(dataset);
        Assert.Equal(1, dataset.SchemaVersion);
        Assert.Equal(["recordId"], dataset.Schema.PrimaryKey);
        var nino = dataset.Schema.Find("nino")!;
        Assert.Equal(IdentifierKind.Nino, nino.Identifier);
        Assert.Equal(PersonalDataCategory.Personal, nino.PersonalData);
        Assert.True(dataset.Schema.Find("recordId")!.Constraints.Required);
        Assert.Equal(TestStores.At(2026, 1, 1), dataset.CreatedAt);
        Assert.Equal(["hmrc-employers", "hmrc-taxpayers"], (await Stores.Catalogue.ListDatasetsAsync("hmrc", default)).Select(d => d.Id));
        Assert.Equal(3, (await Stores.Catalogue.ListDatasetsAsync(null, default)).Count);
        Assert.Empty(await Stores.Catalogue.ListDatasetsAsync("nobody", default));
    }

    [Fact]
    public async Task Schema_update_with_stale_version_is_a_conflict_and_changes_nothing()
    {
        await Stores.SeedDatasetAsync();
        var extended = new DatasetSchema([.. TempDatabase.PersonSchema().Fields, new SchemaField("town", FieldType.String)], ["recordId"]);
        var updated = await Stores.Catalogue.UpdateSchemaAsync("hmrc-taxpayers", extended, expectedVersion: 1, default);
        Assert.Equal(2, updated.Value.SchemaVersion);

        var stale = await Stores.Catalogue.UpdateSchemaAsync("hmrc-taxpayers", TempDatabase.PersonSchema(), expectedVersion: 1, default);
        Assert.Equal("dataset.schema_version_conflict", stale.Errors.Single().Code);
        Assert.NotNull((await Stores.Catalogue.GetDatasetAsync("hmrc-taxpayers", default))!.Schema.Find("town"));
        Assert.Equal("dataset.not_found", (await Stores.Catalogue.UpdateSchemaAsync("nope", extended, 1, default)).Errors.Single().Code);
    }

    [Fact]
    public async Task Source_mapping_is_stored_and_replaced_and_needs_a_dataset()
    {
        await Stores.SeedDatasetAsync();
        var mapping = new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.Csv, Encoding = "windows-1252" },
            Fields = [new FieldMapping("nino") { From = "NI_NO", Transforms = [new TransformSpec("trim"), new TransformSpec("parseDate") { Formats = ["dd/MM/yyyy"] }] }],
        };
        await Stores.Catalogue.PutSourceAsync(new SourceDefinition("hmrc-taxpayers", "paye", mapping, TestStores.At(2026, 1, 1)), default);
        await Stores.Catalogue.PutSourceAsync(new SourceDefinition("hmrc-taxpayers", "paye", mapping with { Mode = RefreshMode.Incremental }, TestStores.At(2026, 1, 2)), default);
        await Stores.Catalogue.PutSourceAsync(new SourceDefinition("hmrc-taxpayers", "Bulk", mapping, TestStores.At(2026, 1, 2)), default);

        var stored = await Stores.Catalogue.GetSourceAsync("hmrc-taxpayers", "paye", default);
        Assert.NotNull(stored);
        Assert.Equal(RefreshMode.Incremental, stored.Mapping.Mode);
        Assert.Equal("windows-1252", stored.Mapping.Source.Encoding);
        Assert.Equal(["dd/MM/yyyy"], stored.Mapping.Fields[0].Transforms[1].Formats);
        Assert.Equal(TestStores.At(2026, 1, 2), stored.UpdatedAt);
        Assert.Equal(["Bulk", "paye"], (await Stores.Catalogue.ListSourcesAsync("hmrc-taxpayers", default)).Select(s => s.Name));
        Assert.Null(await Stores.Catalogue.GetSourceAsync("hmrc-taxpayers", "PAYE", default));
        var orphan = await Stores.Catalogue.PutSourceAsync(new SourceDefinition("nope", "paye", mapping, TestStores.At(2026, 1, 1)), default);
        Assert.Equal("dataset.not_found", orphan.Errors.Single().Code);
    }

    [Fact]
    public async Task Client_secret_is_stored_only_as_a_hash_that_verifies_and_ids_are_unique()
    {
        await Stores.SeedDatasetAsync();
        var (secret, hash) = ClientSecretHash.Mint();
        var client = new ApiClient("hmrc-steward", "hmrc", "Steward", ClientRole.Steward | ClientRole.Dpo, TestStores.At(2026, 1, 1));
        Assert.True((await Stores.Clients.CreateClientAsync(client, hash, default)).IsSuccess);

        var found = await Stores.Clients.FindClientAsync("hmrc-steward", default);
        Assert.NotNull(found);
        Assert.True(found.Value.Secret.Verify(secret));
        Assert.False(found.Value.Secret.Verify(secret + "x"));
        Assert.Equal(ClientRole.Steward | ClientRole.Dpo, found.Value.Client.Roles);
        Assert.Null(found.Value.Client.DisabledAt);
        Assert.Null(await Stores.Clients.FindClientAsync("HMRC-steward", default));

        Assert.Equal("client.exists", (await Stores.Clients.CreateClientAsync(client, hash, default)).Errors.Single().Code);
        Assert.Equal("organisation.not_found", (await Stores.Clients.CreateClientAsync(client with { ClientId = "x", OrganisationId = "nobody" }, hash, default)).Errors.Single().Code);
    }

    [Fact]
    public async Task A_disabled_client_reads_back_disabled_at_once_on_another_node_and_keeps_its_first_disable_time()
    {
        await Stores.SeedDatasetAsync();
        var (_, hash) = ClientSecretHash.Mint();
        var client = new ApiClient("hmrc-service", "hmrc", "Service", ClientRole.Consumer, TestStores.At(2026, 1, 1));
        Assert.True((await Stores.Clients.CreateClientAsync(client, hash, default)).IsSuccess);
        var other = Stores.AnotherNode();
        Assert.True((await other.Clients.GetClientAsync("hmrc-service", default))!.Honours("hmrc", ClientRole.Consumer));

        var disabled = await Stores.Clients.DisableClientAsync("hmrc-service", TestStores.At(2026, 2, 1), default);
        Assert.Equal(TestStores.At(2026, 2, 1), disabled.Value.DisabledAt);
        var seen = await other.Clients.GetClientAsync("hmrc-service", default);
        Assert.Equal(TestStores.At(2026, 2, 1), seen!.DisabledAt);
        Assert.False(seen.Honours("hmrc", ClientRole.Consumer));
        Assert.Equal(TestStores.At(2026, 2, 1), (await Stores.Clients.DisableClientAsync("hmrc-service", TestStores.At(2026, 3, 1), default)).Value.DisabledAt);

        Assert.Null(await Stores.Clients.GetClientAsync("HMRC-service", default));
        Assert.Equal("client.not_found", (await Stores.Clients.DisableClientAsync("nobody", TestStores.At(2026, 2, 1), default)).Errors.Single().Code);
    }

    [Fact]
    public async Task Security_events_add_up_per_window_and_caller_and_list_by_organisation()
    {
        var store = Stores.Get<Concordat.Core.Audit.ISecurityEventStore>();
        var window = TestStores.At(2026, 12, 7).AddMinutes(21);
        await store.AddAsync(
            [
                new(window, Concordat.Core.Audit.SecurityEventKind.RateLimited, "client:leeds-service", "leeds", 5),
                new(window, Concordat.Core.Audit.SecurityEventKind.Unauthenticated, "address:203.0.113.9", null, 7),
            ],
            default);
        // A second node (or the same one after a restart) adds to the same rows.
        await Stores.AnotherNode().Get<Concordat.Core.Audit.ISecurityEventStore>().AddAsync(
            [new(window, Concordat.Core.Audit.SecurityEventKind.RateLimited, "client:leeds-service", "leeds", 2)], default);

        var all = await store.ListAsync(window, window.AddMinutes(1), null, 0, 10, default);
        Assert.Equal(2, all.Count);
        Assert.Equal(7, all.Single(e => e.Event.Kind == Concordat.Core.Audit.SecurityEventKind.RateLimited).Event.Count);
        var leeds = Assert.Single(await store.ListAsync(window, window.AddMinutes(1), "leeds", 0, 10, default));
        Assert.Equal(("client:leeds-service", window), (leeds.Event.Partition, leeds.Event.WindowStart));
        Assert.Empty(await store.ListAsync(window.AddMinutes(1), window.AddMinutes(2), null, 0, 10, default));
        Assert.Single(await store.ListAsync(window, window.AddMinutes(1), null, all[0].Id, 10, default));
    }

    [Fact]
    public async Task Clients_list_by_organisation_in_id_order()
    {
        await Stores.SeedDatasetAsync();
        await Stores.SeedDatasetAsync("dwp", "dwp-claimants");
        var (_, hash) = ClientSecretHash.Mint();
        foreach (var (id, org) in new[] { ("hmrc-b", "hmrc"), ("dwp-a", "dwp"), ("hmrc-a", "hmrc") })
        {
            await Stores.Clients.CreateClientAsync(new ApiClient(id, org, id, ClientRole.Consumer, TestStores.At(2026, 1, 1)), hash, default);
        }

        Assert.Equal(["hmrc-a", "hmrc-b"], (await Stores.Clients.ListClientsAsync("hmrc", default)).Select(c => c.ClientId));
        Assert.Equal(["dwp-a", "hmrc-a", "hmrc-b"], (await Stores.Clients.ListClientsAsync(null, default)).Select(c => c.ClientId));
    }
}

using System.Net;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Infrastructure;
using Concordat.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Hosting;

/// <summary>
/// Issue 13 item 5: a live hub backed up while consumers keep looking people up, restored into a fresh directory,
/// opens its audit log (anchor and ledger agree), verifies it offline and serves.
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task A_hub_backed_up_under_load_restores_verifies_and_serves()
    {
        var root = Path.Combine(Path.GetTempPath(), "concordat-backup-tests", Guid.NewGuid().ToString("N"));
        var backup = Path.Combine(root, "backup");
        var restored = Path.Combine(root, "restored");
        try
        {
            long sizeAtBackup;
            IReadOnlyDictionary<string, string> secrets;
            await using (var live = new ConcordatHost())
            {
                IngestSeed.Run(live, "dwp-claimants",
                [
                    ("AB123456C|pension-credit", """{"nino":"AB123456C","givenName":"Ann","familyName":"O'Neill","dateOfBirth":"1950-03-04","postcode":"LS1 4AP","benefit":"pension-credit","claimStart":"2020-01-01"}"""),
                ]);
                var agreement = await ExchangeFixture.ActivateAsync(live, "backup-load");
                using var consumer = await live.AsAsync("leeds-council-service");
                using var admin = await live.AsAsync("hub-admin");
                await ExchangeFixture.ExpectAsync(admin.PostAsync("/api/v1/audit/checkpoints", null), HttpStatusCode.OK);

                // Four clients look people up (each an audit entry, some signed into checkpoints) while the backup runs.
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var lookups = 0;
                var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        using var response = await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(ExchangeFixture.Lookup(agreement, "AB123456C")));
                        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                        Interlocked.Increment(ref lookups);
                        if (Volatile.Read(ref lookups) % 25 == 0)
                        {
                            using var signed = await admin.PostAsync("/api/v1/audit/checkpoints", null);
                            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
                        }
                    }
                })).ToList();
                while (Volatile.Read(ref lookups) < 40)
                {
                    await Task.Delay(20);
                }

                var written = await SqliteHubBackup.BackupAsync(Path.Combine(live.DataDirectory, "concordat.db"), Path.Combine(live.DataDirectory, "keys"), backup, TimeProvider.System, CancellationToken.None);
                Assert.True(written.IsSuccess, written.IsSuccess ? null : written.Errors[0].Message);
                var during = Volatile.Read(ref lookups);
                while (Volatile.Read(ref lookups) < during + 20)
                {
                    await Task.Delay(20);
                }

                await stop.CancelAsync();
                await Task.WhenAll(load);
                secrets = live.Secrets;
                sizeAtBackup = await live.Services.GetRequiredService<IAuditLog>().GetSizeAsync(CancellationToken.None);
            }

            var restore = await SqliteHubBackup.RestoreAsync(backup, restored, CancellationToken.None);
            Assert.True(restore.IsSuccess, restore.IsSuccess ? null : restore.Errors[0].Message);

            // The restored hub runs as its own process, as it would after a restore.
            await using var hub = await HubProcess.StartAsync(root, environment: new Dictionary<string, string>
            {
                ["Concordat__DataDirectory"] = restored,
                ["Concordat__PublicBaseUrl"] = "https://hub.example.gov.uk",
                ["Concordat__Citizen__SeedDemoRecords"] = "false",
            });
            using var admin2 = await ClientAsync(hub, "hub-admin", secrets);
            // The restored log opens and signs (a locked log answers 503): its ledger holds at least the anchored checkpoint.
            await ExchangeFixture.ExpectAsync(admin2.PostAsync("/api/v1/audit/checkpoints", null), HttpStatusCode.OK);
            var latest = await ExchangeFixture.ExpectAsync(admin2.GetAsync("/api/v1/audit/checkpoints/latest"), HttpStatusCode.OK);
            var size = latest.GetProperty("treeSize").GetInt64();
            Assert.InRange(size, 40, sizeAtBackup);

            // It serves: the agreement still permits the look-up, which is audited as the next entry.
            using var consumer2 = await ClientAsync(hub, "leeds-council-service", secrets);
            var answer = await ExchangeFixture.ExpectAsync(consumer2.PostAsync("/api/v1/exchange/lookups", Bodies.Json(ExchangeFixture.Lookup("backup-load", "AB123456C"))), HttpStatusCode.OK);
            Assert.Equal(size, answer.GetProperty("auditIndex").GetInt64());
            await ExchangeFixture.ExpectAsync(admin2.PostAsync("/api/v1/audit/checkpoints", null), HttpStatusCode.OK);

            // And the whole log verifies offline with the public key alone, as concordat audit verify --hub does.
            using var anonymous = hub.Client();
            using var key = AuditPublicKey.FromJwk(await anonymous.GetStringAsync("/.well-known/audit-key.json")).Value;
            await using var export = await admin2.GetStreamAsync("/api/v1/audit/export");
            var verification = await new AuditLogVerifier(key).VerifyAsync(export, CancellationToken.None);
            Assert.True(verification.IsValid, verification.Problem?.Message);
            Assert.Equal(size + 1, verification.Entries);
            Assert.Equal(0, verification.UncoveredEntries);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Cleaned with the temp folder.
            }
        }
    }

    private static async Task<HttpClient> ClientAsync(HubProcess hub, string clientId, IReadOnlyDictionary<string, string> secrets)
    {
        var http = hub.Client();
        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secrets[clientId],
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("access_token").GetString());
        return http;
    }
}

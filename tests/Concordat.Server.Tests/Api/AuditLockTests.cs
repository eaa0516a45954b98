using System.Net;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Server.Api.Audit;
using Concordat.Server.Auth;
using Concordat.Server.Tests.Hosting;
using Concordat.Server.Tests.Infrastructure;
using Concordat.Storage.Audit;
using Concordat.Storage.Keys;
using Concordat.Storage.Sqlite;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Api;

/// <summary>
/// A hub restarted over an audit log someone rewrote in the database (issue 15 item 8): it locks the log, says so on
/// /health/ready, fails audited requests, and neither signs nor proves anything from the rewritten tree.
/// </summary>
public sealed class AuditLockTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-server-tests", "audit-lock-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task A_hub_restarted_over_a_rewritten_signed_entry_locks_its_log_and_says_so()
    {
        // The log as a hub wrote it before: two checkpoints, the second also kept in keys/ outside the database.
        // (Written without a first host: a second host in one test process cannot use tokens signed by the first,
        // because IdentityModel caches the first host's key objects, which that host disposes.)
        long older;
        long newer;
        var keys = Path.Combine(_directory, "keys");
        var (sealer, _, _) = MasterKeyFile.LoadOrCreate(keys);
        using (sealer)
        using (var database = new SqliteDatabase(Path.Combine(_directory, "concordat.db")))
        {
            database.Migrate();
            var (key, _) = AuditKeyFiles.LoadOrCreateSigningKey(keys, sealer);
            using (key)
            using (var ledger = SqliteAuditLedger.OpenBeside(database))
            {
                await using var log = new AuditEngine(ledger, new CheckpointAnchorFile(keys), key, AuditEngine.DefaultOrigin, TimeProvider.System);
                await RecordAsync(log, 3);
                older = (await log.CheckpointAsync(CancellationToken.None)).TreeSize;
                await RecordAsync(log, 3);
                newer = (await log.CheckpointAsync(CancellationToken.None)).TreeSize;
            }
        }

        SqliteConnection.ClearAllPools();
        using (var audit = new SqliteConnection($"Data Source={Path.Combine(_directory, SqliteAuditLedger.FileName)};Pooling=False"))
        {
            audit.Open();
            Execute(audit, $"DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_checkpoints WHERE tree_size = {newer}; DROP TRIGGER audit_entries_no_update");
            using var read = audit.CreateCommand();
            read.CommandText = $"SELECT entry FROM audit_entries WHERE idx = {older}";
            var (index, entry) = AuditEntryCodec.Decode((byte[])read.ExecuteScalar()!);
            var forged = AuditEntryCodec.Encode(index, entry with { Outcome = AuditOutcome.Permitted, ReasonCode = null });
            using var write = audit.CreateCommand();
            write.CommandText = "UPDATE audit_entries SET entry = $e, leaf_hash = $h WHERE idx = $i";
            write.Parameters.AddWithValue("$e", forged);
            write.Parameters.AddWithValue("$h", MerkleHashes.Leaf(forged));
            write.Parameters.AddWithValue("$i", index);
            write.ExecuteNonQuery();
        }

        await using var second = new DirectoryHost([], _directory);
        second.EnsureStarted();
        using var anonymous = second.Anonymous();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/health/ready")).StatusCode);

        using var admin2 = await second.AsAsync("hub-admin");
        var refused = await Problem.ReadAsync(await admin2.PostAsync("/api/v1/audit/checkpoints", null), 503);
        Assert.Equal("audit.log_locked", Problem.Code(refused));
        Assert.Contains($"size {newer}", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("audit.log_locked", Problem.Code(await Problem.ReadAsync(await admin2.GetAsync($"/api/v1/audit/proofs/inclusion?index=0&treeSize={older}"), 503)));

        // An audited request fails and discloses nothing: no audit entry, no answer.
        var trail = second.Services.GetRequiredService<AuditTrail>();
        await Assert.ThrowsAsync<AuditLogException>(() => trail.RecordAsync(new DefaultHttpContext(), new CallerContext("dwp-service", "dwp", ClientRole.Consumer),
            new AuditAccess("lookup", "Fraud check", null, "hmrc-taxpayers", ["nino"], AuditOutcome.Denied, "agreement.none", []), CancellationToken.None));
        using var consumer = await second.AsAsync("dwp-service");
        using var lookup = await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(
            """{"agreementId":"none","purpose":"benefit-eligibility","datasetId":"hmrc-taxpayers","identifier":{"kind":"nino","value":"AB123456C"}}"""));
        Assert.Equal(HttpStatusCode.InternalServerError, lookup.StatusCode);

        // Nothing new was signed: the size whose checkpoint was deleted has none, and no larger size has one.
        var checkpoints = JsonNode.Parse(await admin2.GetStringAsync("/api/v1/audit/checkpoints?limit=1000"))!["items"]!.AsArray();
        Assert.DoesNotContain(checkpoints, c => (long)c!["treeSize"]! >= newer);
    }

    private static async Task RecordAsync(IAuditLog log, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(new AuditEntry
            {
                Time = DateTimeOffset.UtcNow,
                ClientId = "dwp-service",
                OrganisationId = "dwp",
                Purpose = "Fraud check",
                Action = "lookup",
                DatasetId = "hmrc-taxpayers",
                Fields = ["nino"],
                Outcome = AuditOutcome.Denied,
                ReasonCode = "agreement.none",
            }, CancellationToken.None);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

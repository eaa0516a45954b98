using System.Net;
using System.Text.Json;
using Concordat.Core.Federation;
using Concordat.Server.Federation;

namespace Concordat.Server.Tests.Federation;

/// <summary>How nodes take, keep, refuse and outlive federation configurations.</summary>
public sealed class FederationConfigurationLifecycleTests : IAsyncLifetime
{
    private readonly FederationNetwork _network = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_node_not_in_the_configuration_is_refused_by_the_others_and_refuses_itself()
    {
        _network.Prepare("hmrc");
        _network.Prepare("dwp");
        _network.Prepare("dvla");
        _network.Publish(_network.Configuration(["hmrc", "dwp"]));
        var dwp = await _network.StartAsync("dwp");
        var dvla = await _network.StartAsync("dvla");

        // dvla's certificate comes from the federation's own CA, but no configuration lists it.
        using var dvlaCertificate = _network.CertificateOf("dvla");
        using var outsider = FederationNetwork.RawClient(dwp.FederationAddress, dvlaCertificate);
        await Assert.ThrowsAsync<HttpRequestException>(() => outsider.GetAsync("federation/v1/whoami"));
        Assert.Contains(dwp.Refusals.Counts().Keys, k => k.Code == "federation.not_a_member");

        var call = await dvla.Client.WhoAmIAsync("dwp", CancellationToken.None);
        Assert.Equal("federation.not_a_member", call.Errors[0].Code);
        using var health = await dvla.Anonymous().GetAsync("/health/federation");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("federation.not_a_member", await HealthCodeAsync(health));

        // For comparison, a listed member's certificate is let in (and then asked for a token).
        using var hmrcCertificate = _network.CertificateOf("hmrc");
        using var member = FederationNetwork.RawClient(dwp.FederationAddress, hmrcCertificate);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("federation/v1/whoami")).StatusCode);
    }

    [Fact]
    public async Task An_expired_configuration_keeps_traffic_within_grace_and_stops_it_after_without_stopping_local_work()
    {
        _network.Prepare("hmrc");
        _network.Prepare("dwp");
        _network.Publish(_network.Configuration(["hmrc", "dwp"], lifetime: TimeSpan.FromHours(1), grace: TimeSpan.FromHours(2)));
        var hmrc = await _network.StartAsync("hmrc");
        var dwp = await _network.StartAsync("dwp");
        Assert.True((await hmrc.Client.WhoAmIAsync("dwp", CancellationToken.None)).IsSuccess);

        // The source goes away and the configuration expires: within grace, traffic flows and health says so.
        _network.Withdraw();
        _network.Time.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(FederationRefreshOutcome.Unreachable, await hmrc.RefreshAsync());
        var inGrace = await hmrc.Client.WhoAmIAsync("dwp", CancellationToken.None);
        Assert.True(inGrace.IsSuccess, inGrace.IsSuccess ? null : inGrace.Errors[0].Message);
        using (var health = await hmrc.Anonymous().GetAsync("/health/federation"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("federation.grace", await HealthCodeAsync(health));
        }

        // Past grace: hmrc refuses to call out, dwp refuses hmrc's requests, each says why.
        _network.Time.Advance(TimeSpan.FromMinutes(91));
        var stopped = await hmrc.Client.WhoAmIAsync("dwp", CancellationToken.None);
        Assert.Equal("federation.configuration_expired", stopped.Errors[0].Code);
        using (var health = await hmrc.Anonymous().GetAsync("/health/federation"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("federation.configuration_expired", await HealthCodeAsync(health));
        }

        using var hmrcCertificate = _network.CertificateOf("hmrc");
        using var raw = FederationNetwork.RawClient(dwp.FederationAddress, hmrcCertificate);
        await Assert.ThrowsAsync<HttpRequestException>(() => raw.GetAsync("federation/v1/whoami"));

        // One log line says federation stopped, and why; another said when grace began.
        const string Category = "Concordat.Server.Federation.FederationConfigurationService: ";
        Assert.Single(hmrc.Logs.Lines, l => l.StartsWith("Error " + Category + "Federation stopped: configuration version 1 expired", StringComparison.Ordinal) && l.Contains("Local work continues", StringComparison.Ordinal));
        Assert.Single(hmrc.Logs.Lines, l => l.StartsWith("Warning " + Category, StringComparison.Ordinal) && l.Contains("federation continues in its grace period until", StringComparison.Ordinal));

        // The node's own work goes on.
        using (var ready = await hmrc.Anonymous().GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await hmrc.Anonymous().GetAsync("/.well-known/jwks.json")).StatusCode);

        // A newer configuration brings federation back.
        _network.Publish(_network.Configuration(["hmrc", "dwp"]));
        Assert.Equal(FederationRefreshOutcome.Accepted, await hmrc.RefreshAsync());
        Assert.Equal(FederationRefreshOutcome.Accepted, await dwp.RefreshAsync());
        var resumed = await hmrc.Client.WhoAmIAsync("dwp", CancellationToken.None);
        Assert.True(resumed.IsSuccess, resumed.IsSuccess ? null : resumed.Errors[0].Message);
        Assert.Equal(2, resumed.Value.ConfigurationVersion);
    }

    [Fact]
    public async Task A_revoked_certificate_is_cut_off_at_the_next_refresh_even_on_an_open_connection()
    {
        _network.Prepare("hmrc");
        _network.Prepare("dwp");
        var first = _network.Publish(_network.Configuration(["hmrc", "dwp"]));
        var hmrc = await _network.StartAsync("hmrc");
        var dwp = await _network.StartAsync("dwp");
        Assert.True((await hmrc.Client.WhoAmIAsync("dwp", CancellationToken.None)).IsSuccess);

        // The operator revokes hmrc's certificate (and lists a replacement hmrc has not installed yet).
        using var replacementKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var replacement = _network.IssueFor(replacementKey, "hmrc");
        var revokedThumbprint = _network.Thumbprint("hmrc");
        var second = first with
        {
            Version = 2,
            Members = [first.Members[0] with { Certificates = [CertificateThumbprint.Of(replacement)] }, first.Members[1]],
            RevokedCertificates = [revokedThumbprint],
        };
        _network.Publish(second);

        // Until dwp refreshes, it still holds version 1 and lets hmrc in.
        Assert.True((await hmrc.Client.WhoAmIAsync("dwp", CancellationToken.None)).IsSuccess);

        Assert.Equal(FederationRefreshOutcome.Accepted, await dwp.RefreshAsync());
        var cut = await hmrc.Client.WhoAmIAsync("dwp", CancellationToken.None);
        Assert.False(cut.IsSuccess);
        Assert.Equal("federation.certificate_revoked", cut.Errors[0].Code);
        Assert.Contains(dwp.Refusals.Counts().Keys, k => k.Code == "federation.certificate_revoked");

        // A fresh connection is refused at the handshake.
        using var hmrcCertificate = _network.CertificateOf("hmrc");
        using var raw = FederationNetwork.RawClient(dwp.FederationAddress, hmrcCertificate);
        await Assert.ThrowsAsync<HttpRequestException>(() => raw.GetAsync("federation/v1/whoami"));

        // hmrc, once it refreshes too, knows its own certificate is no longer listed and stops calling out.
        Assert.Equal(FederationRefreshOutcome.Accepted, await hmrc.RefreshAsync());
        Assert.Equal("federation.certificate_not_listed", (await hmrc.Client.WhoAmIAsync("dwp", CancellationToken.None)).Errors[0].Code);
    }

    [Fact]
    public async Task A_bad_signature_an_older_version_or_a_rewritten_version_is_refused_and_the_last_valid_kept()
    {
        _network.Prepare("hmrc");
        _network.Prepare("dwp");
        _network.Publish(_network.Configuration(["hmrc", "dwp"]));
        var hmrc = await _network.StartAsync("hmrc");
        var dwp = await _network.StartAsync("dwp");
        var second = _network.Publish(_network.Configuration(["hmrc", "dwp"]));
        Assert.Equal(FederationRefreshOutcome.Accepted, await hmrc.RefreshAsync());
        Assert.Equal(FederationRefreshOutcome.Accepted, await dwp.RefreshAsync());
        Assert.Equal(2, hmrc.Configuration.Current!.Configuration.Version);

        // A newer version whose signature does not verify (text changed after signing).
        var third = second with { Version = 3 };
        var tampered = FederationConfigurationNote.Sign(third, _network.Signer).Replace("\"version\": 3", "\"version\": 4", StringComparison.Ordinal);
        _network.PublishRaw(tampered);
        Assert.Equal(FederationRefreshOutcome.Refused, await hmrc.RefreshAsync());
        Assert.Equal(2, hmrc.Configuration.Current!.Configuration.Version);

        // A newer version signed by a key nobody pinned.
        using var stranger = NoteSigner.Generate(FederationNetwork.Name);
        _network.PublishRaw(FederationConfigurationNote.Sign(third, stranger));
        Assert.Equal(FederationRefreshOutcome.Refused, await hmrc.RefreshAsync());

        // A validly signed older version (a replay).
        _network.PublishRaw(FederationConfigurationNote.Sign(second with { Version = 1 }, _network.Signer));
        Assert.Equal(FederationRefreshOutcome.Refused, await hmrc.RefreshAsync());

        // The same version number with different contents.
        _network.PublishRaw(FederationConfigurationNote.Sign(second with { GracePeriod = TimeSpan.FromDays(1) }, _network.Signer));
        Assert.Equal(FederationRefreshOutcome.Refused, await hmrc.RefreshAsync());

        Assert.Equal(2, hmrc.Configuration.Current!.Configuration.Version);
        Assert.Contains("federation_configuration.equivocation", hmrc.Configuration.Status().LastError, StringComparison.Ordinal);
        var still = await hmrc.Client.WhoAmIAsync("dwp", CancellationToken.None);
        Assert.True(still.IsSuccess, still.IsSuccess ? null : still.Errors[0].Message);
        Assert.Equal(2, still.Value.ConfigurationVersion);

        // The same version again is no change.
        _network.Publish(second);
        Assert.Equal(FederationRefreshOutcome.Unchanged, await hmrc.RefreshAsync());
    }

    [Fact]
    public async Task A_restarted_node_federates_on_its_kept_configuration_while_the_source_is_down()
    {
        _network.Prepare("hmrc");
        _network.Prepare("dwp");
        _network.Publish(_network.Configuration(["hmrc", "dwp"]));
        var dwp = await _network.StartAsync("dwp");
        var hmrc = await _network.StartAsync("hmrc");
        await hmrc.DisposeAsync();
        _network.Withdraw();

        var restarted = await _network.StartAsync("hmrc");
        Assert.Equal(1, restarted.Configuration.Current!.Configuration.Version);
        var call = await restarted.Client.WhoAmIAsync("dwp", CancellationToken.None);
        Assert.True(call.IsSuccess, call.IsSuccess ? null : call.Errors[0].Message);
        Assert.Contains("federation.source_unreachable", restarted.Configuration.Status().LastError, StringComparison.Ordinal);
        Assert.NotNull(dwp);
    }

    private static async Task<string?> HealthCodeAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("code").GetString();
    }
}

using System.Net;
using System.Text;
using Concordat.Core.Audit;
using Concordat.Core.Subscriptions;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Server.Tests.Api.Subscriptions.SubscriptionFixture;

namespace Concordat.Server.Tests.Api.Subscriptions;

/// <summary>Creating, reading and deleting subscriptions: policy-decided and audited, owner-only, secret shown once.</summary>
public sealed class SubscriptionApiTests : IClassFixture<SubscriptionFixture>
{
    private static readonly Uri Loopback = new("http://127.0.0.1:9/hook");
    private readonly SubscriptionFixture _fx;

    public SubscriptionApiTests(SubscriptionFixture fx) => _fx = fx;

    [Fact]
    public async Task Creation_answers_201_with_the_secret_once_and_it_never_appears_again()
    {
        var agreement = await _fx.ActiveAgreementAsync("sub-create");
        using var consumer = await _fx.Host.AsAsync(Consumer);
        using var response = await consumer.PostAsync("/api/v1/exchange/subscriptions", Bodies.Json(Subscription(agreement, Loopback, ["changed", "deleted"])));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = System.Text.Json.JsonDocument.Parse(text);
        var id = created.RootElement.GetProperty("subscription").GetProperty("id").GetString()!;
        var secret = created.RootElement.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40);
        Assert.Equal($"/api/v1/exchange/subscriptions/{id}", response.Headers.Location?.OriginalString);
        var audited = await _fx.Audit.GetEntryAsync(created.RootElement.GetProperty("auditIndex").GetInt64(), default);
        Assert.Equal("subscribe", audited!.Entry.Action);
        Assert.Equal(AuditOutcome.Permitted, audited.Entry.Outcome);

        var list = await (await consumer.GetAsync("/api/v1/exchange/subscriptions")).Content.ReadAsStringAsync();
        var one = await ExpectAsync(consumer.GetAsync($"/api/v1/exchange/subscriptions/{id}"), HttpStatusCode.OK);
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", list, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(secret, one.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["changed", "deleted"], one.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(_fx.Host.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(_fx.Host.Database.Path)), StringComparison.Ordinal);

        await ExpectAsync(consumer.DeleteAsync($"/api/v1/exchange/subscriptions/{id}"), HttpStatusCode.NoContent);
        await Problem.ReadAsync(await consumer.GetAsync($"/api/v1/exchange/subscriptions/{id}"), 404);
    }

    [Theory]
    [InlineData("no-such-agreement", "benefit-eligibility", null, "policy.no_agreement")]
    [InlineData(null, "fraud-prevention", null, "policy.purpose_mismatch")]
    [InlineData(null, "fraud-detection", null, "policy.unknown_purpose")]
    [InlineData(null, "benefit-eligibility", "familyName", "policy.field_not_permitted")]
    public async Task Refused_by_policy_with_403_and_audited(string? agreementId, string purpose, string? field, string code)
    {
        var agreement = agreementId ?? await _fx.ActiveAgreementAsync("sub-refuse-" + code.Replace('.', '-').Replace('_', '-'));
        using var consumer = await _fx.Host.AsAsync(Consumer);
        var body = Subscription(agreement, Loopback, ["changed"], purpose, field is null ? [] : [field]);

        var problem = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/subscriptions", Bodies.Json(body)), 403);

        Assert.Equal(code, Problem.Code(problem));
        var last = await LastAuditAsync();
        Assert.Equal("subscribe", last.Action);
        Assert.Equal(AuditOutcome.Denied, last.Outcome);
        Assert.Equal(code, last.ReasonCode);
        Assert.DoesNotContain(await _fx.Host.Services.GetRequiredService<ISubscriptionStore>().ListAsync("leeds-council", default), s => s.AgreementId == agreement);
    }

    [Theory]
    [InlineData("ftp://hooks.leeds.example.gov.uk/concordat")]
    [InlineData("http://hooks.leeds.example.gov.uk/concordat")]
    [InlineData("https://user:pw@hooks.leeds.example.gov.uk/concordat")]
    [InlineData("https://10.0.0.1/concordat")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("not a url")]
    public async Task Callback_url_must_be_https_to_a_public_host_and_refusals_are_audited(string url)
    {
        var agreement = await _fx.ActiveAgreementAsync("sub-url-" + Math.Abs(url.GetHashCode(StringComparison.Ordinal)));
        using var consumer = await _fx.Host.AsAsync(Consumer);
        var body = Subscription(agreement, Loopback, ["changed"]);
        body["callbackUrl"] = url;

        var problem = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/subscriptions", Bodies.Json(body)), 400);

        Assert.Equal("subscription.invalid_callback_url", Problem.Code(problem));
        var last = await LastAuditAsync();
        Assert.Equal(AuditOutcome.Denied, last.Outcome);
        Assert.Equal("subscription.invalid_callback_url", last.ReasonCode);
    }

    [Fact]
    public async Task Unknown_events_are_refused()
    {
        var agreement = await _fx.ActiveAgreementAsync("sub-events");
        using var consumer = await _fx.Host.AsAsync(Consumer);

        var problem = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/subscriptions", Bodies.Json(Subscription(agreement, Loopback, ["born"]))), 400);

        Assert.Equal("subscription.invalid_events", Problem.Code(problem));
    }

    [Fact]
    public async Task Another_organisation_cannot_see_or_delete_a_subscription()
    {
        var agreement = await _fx.ActiveAgreementAsync("sub-other-org");
        var (id, _) = await _fx.SubscribeAsync(agreement, Loopback, "changed");
        using var other = await _fx.Host.AsAsync("hmrc-service");

        await Problem.ReadAsync(await other.GetAsync($"/api/v1/exchange/subscriptions/{id}"), 404);
        await Problem.ReadAsync(await other.GetAsync($"/api/v1/exchange/subscriptions/{id}/deliveries"), 404);
        await Problem.ReadAsync(await other.DeleteAsync($"/api/v1/exchange/subscriptions/{id}"), 404);
        var theirs = await ExpectAsync(other.GetAsync("/api/v1/exchange/subscriptions"), HttpStatusCode.OK);
        Assert.DoesNotContain(id, theirs.GetRawText(), StringComparison.Ordinal);

        using var owner = await _fx.Host.AsAsync(Consumer);
        await ExpectAsync(owner.GetAsync($"/api/v1/exchange/subscriptions/{id}"), HttpStatusCode.OK);
        await _fx.UnsubscribeAsync(id);
    }

    private async Task<AuditEntry> LastAuditAsync()
    {
        var size = await _fx.Audit.GetSizeAsync(default);
        return (await _fx.Audit.GetEntryAsync(size - 1, default))!.Entry;
    }
}

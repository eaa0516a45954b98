using System.Net;
using System.Net.Sockets;
using System.Text;
using Concordat.Core.Federation;
using Concordat.Server.Federation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Tests.Federation;

public sealed class FederationSettingsTests
{
    private static FederationOptions Valid()
    {
        using var signer = NoteSigner.Generate("test.federation");
        return new FederationOptions
        {
            Enabled = true,
            OrganisationId = "hmrc",
            ConfigurationSource = "https://config.example.gov.uk/federation.note",
            TrustedKey = signer.VerifierKey.Encoded,
            ListenEndpoint = "0.0.0.0:8443",
        };
    }

    [Fact]
    public void A_complete_node_configuration_is_valid_and_a_disabled_one_needs_nothing()
    {
        Assert.True(new FederationOptionsValidator().Validate(null, Valid()).Succeeded);
        Assert.True(new FederationOptionsValidator().Validate(null, new FederationOptions()).Succeeded);
    }

    public static TheoryData<string, string?> Broken() => new()
    {
        { nameof(FederationOptions.OrganisationId), null },
        { nameof(FederationOptions.OrganisationId), "HMRC" },
        { nameof(FederationOptions.ConfigurationSource), null },
        { nameof(FederationOptions.ConfigurationSource), "http://config.example.gov.uk/federation.note" },
        { nameof(FederationOptions.ConfigurationSource), "ftp://config.example.gov.uk/federation.note" },
        { nameof(FederationOptions.TrustedKey), null },
        { nameof(FederationOptions.TrustedKey), "not-a-vkey" },
        { nameof(FederationOptions.ListenEndpoint), null },
        { nameof(FederationOptions.ListenEndpoint), "0.0.0.0" },
        { nameof(FederationOptions.ListenEndpoint), "0.0.0.0:0" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_missing_or_unsafe_setting_stops_the_node_naming_the_setting(string setting, string? value)
    {
        var options = Valid();
        typeof(FederationOptions).GetProperty(setting)!.SetValue(options, value);
        var result = new FederationOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Concordat:Federation:" + setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ecdsa_or_cosignature_key_cannot_be_the_pinned_configuration_key()
    {
        var options = Valid();
        options.TrustedKey = NoteVerifierKey.ForEd25519("test.federation", new byte[32], NoteVerifierKey.CosignatureV1Type).Encoded;
        Assert.True(new FederationOptionsValidator().Validate(null, options).Failed);
    }

    [Theory]
    [InlineData("https://config.example.gov.uk/f.note", true)]
    [InlineData("http://127.0.0.1:5799/f.note", true)]
    [InlineData("http://localhost:5799/f.note", true)]
    [InlineData("http://[::1]:5799/f.note", true)]
    [InlineData("http://config.example.gov.uk/f.note", false)]
    [InlineData("http://10.0.0.1/f.note", false)]
    public void Plain_http_serves_the_configuration_only_on_loopback(string url, bool allowed)
    {
        Assert.Equal(allowed, FederationConfigurationSource.IsAllowedUrl(new Uri(url)));
    }

    [Fact]
    public async Task A_url_source_serves_the_note_and_any_other_answer_is_unreachable()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var context = await listener.GetContextAsync();
                if (context.Request.Url!.AbsolutePath == "/federation.note")
                {
                    var body = Encoding.UTF8.GetBytes("the note\n");
                    await context.Response.OutputStream.WriteAsync(body);
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                context.Response.Close();
            }
        });

        using var found = Source($"http://127.0.0.1:{port}/federation.note");
        var fetched = await found.FetchAsync(CancellationToken.None);
        Assert.True(fetched.IsSuccess);
        Assert.Equal("the note\n", Encoding.UTF8.GetString(fetched.Value));

        using var missing = Source($"http://127.0.0.1:{port}/other.note");
        Assert.Equal("federation.source_unreachable", (await missing.FetchAsync(CancellationToken.None)).Errors[0].Code);
        await serving;

        using var nobody = Source($"http://127.0.0.1:{FreePort()}/federation.note");
        Assert.Equal("federation.source_unreachable", (await nobody.FetchAsync(CancellationToken.None)).Errors[0].Code);
    }

    [Fact]
    public async Task A_file_source_that_is_missing_is_unreachable()
    {
        using var source = Source(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "configuration.note"));
        Assert.Equal("federation.source_unreachable", (await source.FetchAsync(CancellationToken.None)).Errors[0].Code);
    }

    [Theory]
    [InlineData(null, null, "http://localhost:5000")]
    [InlineData("http://127.0.0.1:5080;https://0.0.0.0:5443", null, "http://127.0.0.1:5080|https://0.0.0.0:5443")]
    [InlineData(null, "8080", "http://*:8080")]
    public void The_public_api_keeps_the_addresses_kestrel_would_have_bound(string? urls, string? httpPorts, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["http_ports"] = httpPorts }).Build();
        Assert.Equal(expected.Split('|'), ConfigureFederationKestrel.PublicUrls(configuration));
    }

    private static FederationConfigurationSource Source(string location) =>
        new(Options.Create(new FederationOptions { ConfigurationSource = location, RequestTimeout = TimeSpan.FromSeconds(5) }));

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

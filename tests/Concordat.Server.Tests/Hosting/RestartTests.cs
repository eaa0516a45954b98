using System.Net;
using System.Text.Json;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Tests.Hosting;

public sealed class DirectoryHost : ConcordatHost
{
    public DirectoryHost(Dictionary<string, string?> settings, string dataDirectory)
        : base(settings, dataDirectory: dataDirectory)
    {
    }
}

/// <summary>State that must survive a restart: the signing key (so tokens stay valid) and the demo data (seeded once).</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-server-tests", "restart-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Signing_key_and_demo_data_survive_a_restart_without_reseeding()
    {
        string token;
        string kid;
        string credentials;
        await using (var first = new DirectoryHost([], _directory))
        {
            token = await first.TokenAsync("dvla-steward");
            kid = KeyId(await first.Anonymous().GetStringAsync("/.well-known/jwks.json"));
            credentials = await File.ReadAllTextAsync(first.CredentialsPath);
        }

        await using var second = new DirectoryHost([], _directory);
        using var http = second.WithBearer(token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/datasets")).StatusCode);
        Assert.Equal(kid, KeyId(await second.Anonymous().GetStringAsync("/.well-known/jwks.json")));
        Assert.Equal(credentials, await File.ReadAllTextAsync(second.CredentialsPath));
        var organisations = JsonDocument.Parse(await http.GetStringAsync("/api/v1/organisations")).RootElement.GetArrayLength();
        Assert.Equal(5, organisations);
    }

    [Fact]
    public void Invalid_options_stop_the_host_from_starting()
    {
        using var host = new DirectoryHost(new() { ["Concordat:TokenLifetime"] = "00:00:00" }, _directory);
        var thrown = Record.Exception(host.EnsureStarted);
        Assert.NotNull(thrown);
        var validation = Unwrap(thrown).OfType<OptionsValidationException>().FirstOrDefault();
        Assert.NotNull(validation);
        Assert.Contains("TokenLifetime", validation.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }

    private static string KeyId(string jwks) => JsonDocument.Parse(jwks).RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!;

    private static IEnumerable<Exception> Unwrap(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Unwrap))
                {
                    yield return inner;
                }
            }
        }
    }
}

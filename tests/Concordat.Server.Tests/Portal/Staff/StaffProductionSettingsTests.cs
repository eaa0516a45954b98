using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Portal.Staff;

/// <summary>
/// docs/portal.md's production settings for a department's own provider are real settings: the hub starts with them
/// exactly as written (no misspelt key is ignored silently: each one binds), serves the client key it asks the
/// department to register, and refuses to start when one of them is made wrong.
/// </summary>
public sealed partial class StaffProductionSettingsTests
{
    [Fact]
    public async Task The_documented_settings_start_the_hub_and_it_serves_the_client_key_to_register()
    {
        var settings = DocumentedSettings();
        Assert.Equal("https://login.microsoftonline.com/YOUR-TENANT-ID/v2.0", settings["Concordat:Staff:Authority"]);
        Assert.Equal("private_key_jwt", settings["Concordat:Staff:ClientAuthentication"]);
        Assert.Equal("steward", settings["Concordat:Staff:RoleValues:ConcordatSteward"]);
        var known = typeof(Concordat.Server.Staff.StaffOptions).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(settings.Keys, key => Assert.Contains(key.Split(':')[2], known));

        await using var host = new SettingsHost(settings);
        using var http = host.Anonymous();
        using var jwks = await http.GetAsync("/staff/jwks.json");
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        using var keys = JsonDocument.Parse(await jwks.Content.ReadAsStringAsync());
        Assert.Equal("EC", keys.RootElement.GetProperty("keys")[0].GetProperty("kty").GetString());
        Assert.False(keys.RootElement.GetProperty("keys")[0].TryGetProperty("d", out _));
    }

    [Theory]
    [InlineData("Concordat:Staff:Scopes", "profile")]
    [InlineData("Concordat:Staff:IdleTimeout", "09:00:00")]
    [InlineData("Concordat:Staff:ClientAuthentication", "client_secret_post")]
    public async Task A_documented_setting_made_wrong_stops_the_hub_at_start(string key, string value)
    {
        var settings = DocumentedSettings();
        settings[key] = value;
        await using var host = new SettingsHost(settings);
        var failure = Assert.ThrowsAny<Exception>(host.EnsureStarted);
        Assert.Contains("Concordat:Staff", failure.ToString(), StringComparison.Ordinal);
    }

    // The JSON block of the section "Production: the department's own provider", flattened to configuration keys.
    private static Dictionary<string, string?> DocumentedSettings()
    {
        var text = File.ReadAllText(Repository.PathOf("docs", "portal.md"));
        var section = text[text.IndexOf("## Production: the department's own provider", StringComparison.Ordinal)..];
        var json = JsonBlock().Match(section).Groups[1].Value;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        Flatten(JsonDocument.Parse(json).RootElement, "", settings);
        return settings;
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> settings)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + ":" + property.Name, settings);
            }
        }
        else
        {
            settings[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        }
    }

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    private sealed class SettingsHost(Dictionary<string, string?> settings) : ConcordatHost(settings);
}

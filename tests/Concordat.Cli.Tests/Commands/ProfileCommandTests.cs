using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Quality;
using Concordat.Storage.Sqlite;

namespace Concordat.Cli.Tests.Commands;

public sealed class ProfileCommandTests : IDisposable
{
    private const string Schema = """
        {"fields": [
          {"name": "recordId", "type": "string", "constraints": {"required": true}},
          {"name": "nino", "type": "string", "identifier": "nino", "personalData": "personal"},
          {"name": "familyName", "type": "string", "personalData": "personal"},
          {"name": "dateOfBirth", "type": "date", "personalData": "personal"}
        ], "primaryKey": ["recordId"]}
        """;

    private const string Mapping = """
        {"source": {"format": "csv"}, "mode": "full", "fields": [
          {"field": "recordId", "from": "REF"},
          {"field": "nino", "from": "NINO", "transforms": ["nino"]},
          {"field": "familyName", "from": "SURNAME", "transforms": ["title"]},
          {"field": "dateOfBirth", "from": "DOB"}
        ]}
        """;

    private readonly CliWorkspace _ws = new();

    private async Task SetUpAsync()
    {
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "hmrc", "--name", "HM Revenue and Customs"));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "hmrc-taxpayers", "--org", "hmrc", "--title", "Taxpayers", "--schema", _ws.Write("schema.json", Schema)));
        var csv = _ws.Write("paye.csv", "REF,NINO,SURNAME,DOB\n1,AB123456C,SMITH,1980-02-01\n2,CE123456D,,1975-12-31\n3,,<b>JONES</b>,2031-01-01\n");
        Assert.Equal(0, await _ws.RunAsync("ingest", "hmrc-taxpayers", csv, "--mapping", _ws.Write("paye.mapping.json", Mapping)));
    }

    [Fact]
    public async Task Profile_writes_json_and_self_contained_html_and_stores_the_profile()
    {
        await SetUpAsync();

        Assert.Equal(0, await _ws.RunAsync("profile", "hmrc-taxpayers", "--out", _ws.PathOf("reports")));

        var json = await File.ReadAllTextAsync(_ws.PathOf("reports/hmrc-taxpayers.profile.json"));
        var profile = JsonSerializer.Deserialize<QualityProfile>(json, ConcordatJson.Options)!;
        Assert.Equal(3, profile.Rows);
        Assert.Equal(2.0 / 3, profile.Fields.Single(f => f.Name == "familyName").Completeness!.Value, 9);
        Assert.Equal(1, profile.Fields.Single(f => f.Name == "dateOfBirth").Outliers);

        var html = await File.ReadAllTextAsync(_ws.PathOf("reports/hmrc-taxpayers.profile.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("Completeness by field", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);

        // The ingest stored one profile, the on-demand request another.
        var store = new SqliteQualityStore(new SqliteDatabase(_ws.DatabasePath));
        var stored = await store.ListProfilesAsync("hmrc-taxpayers", 10, default);
        Assert.Equal([ProfileTrigger.OnDemand, ProfileTrigger.Ingest], stored.Select(p => p.Trigger));
        Assert.Equal(0, await _ws.RunAsync("profile", "hmrc-taxpayers", "--id", stored[1].Id.ToString(), "--no-files"));
        Assert.Equal(3, await _ws.RunAsync("profile", "hmrc-taxpayers", "--id", "999", "--no-files"));
    }

    [Fact]
    public async Task Rules_set_show_and_a_failing_fail_rule_exits_1()
    {
        await SetUpAsync();
        var rules = _ws.Write("rules.json", """
            {"rules": [
              {"type": "not_null", "field": "nino"},
              {"type": "matches_regex", "field": "familyName", "pattern": "[A-Z][a-z]+", "severity": "warn"}
            ]}
            """);

        Assert.Equal(0, await _ws.RunAsync("quality", "rules", "set", "hmrc-taxpayers", rules));
        Assert.Equal(0, await _ws.RunAsync("quality", "rules", "show", "hmrc-taxpayers"));
        Assert.Equal(1, await _ws.RunAsync("profile", "hmrc-taxpayers", "--no-files"));
        Assert.Equal(0, await _ws.RunAsync("quality", "history", "hmrc-taxpayers"));

        var store = new SqliteQualityStore(new SqliteDatabase(_ws.DatabasePath));
        var latest = (await store.ListProfilesAsync("hmrc-taxpayers", 1, default)).Single();
        Assert.Equal([RuleStatus.Failed, RuleStatus.Failed], latest.Rules.Select(r => r.Status));
        Assert.Equal("3", latest.Rules[0].Examples.Single().Key);
    }

    [Fact]
    public async Task Bad_rule_file_exits_2_and_keeps_the_old_rules()
    {
        await SetUpAsync();
        Assert.Equal(0, await _ws.RunAsync("quality", "rules", "set", "hmrc-taxpayers", _ws.Write("good.json", """{"rules": [{"type": "unique", "field": "nino"}]}""")));

        Assert.Equal(2, await _ws.RunAsync("quality", "rules", "set", "hmrc-taxpayers", _ws.Write("bad.json", "{\"rules\": [\n{\"type\": \"unique\", \"field\": \"ninoo\"}]}")));
        Assert.Equal(2, await _ws.RunAsync("quality", "rules", "set", "hmrc-taxpayers", _ws.Write("slow.json", "{\"rules\": [\n{\"type\": \"matches_regex\", \"field\": \"nino\", \"pattern\": \"(a|aa)+$\"}]}")));
        Assert.Equal(2, await _ws.RunAsync("quality", "rules", "set", "hmrc-taxpayers", _ws.PathOf("missing.json")));
        Assert.Equal(3, await _ws.RunAsync("quality", "rules", "set", "nope", _ws.PathOf("good.json")));

        var store = new SqliteQualityStore(new SqliteDatabase(_ws.DatabasePath));
        Assert.Contains("\"unique\"", await store.GetRulesAsync("hmrc-taxpayers", default), StringComparison.Ordinal);
        Assert.DoesNotContain("ninoo", await store.GetRulesAsync("hmrc-taxpayers", default), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_of_unknown_dataset_exits_3() =>
        Assert.Equal(3, await _ws.RunAsync("profile", "no-such-dataset", "--no-files"));

    public void Dispose() => _ws.Dispose();
}

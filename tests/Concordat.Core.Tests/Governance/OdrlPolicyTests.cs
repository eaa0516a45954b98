using System.Text.Json.Nodes;
using Concordat.Core.Governance;

namespace Concordat.Core.Tests.Governance;

public sealed class OdrlPolicyTests
{
    [Fact]
    public void Pseudonymised_agreement_exports_as_an_odrl_agreement_with_fields_period_and_duties()
    {
        var agreement = AgreementSamples.Active(AgreementSamples.Terms(DisclosureMode.Pseudonymised));

        var policy = OdrlPolicy.Build(agreement, new Uri("https://hub.example.gov.uk/"));

        Assert.Equal("http://www.w3.org/ns/odrl.jsonld", policy["@context"]![0]!.GetValue<string>());
        Assert.Equal("Agreement", policy["@type"]!.GetValue<string>());
        Assert.Equal("https://hub.example.gov.uk/api/v1/register/agreements/dwp-leeds-pension-credit", policy["uid"]!.GetValue<string>());
        Assert.Equal("https://hub.example.gov.uk/api/v1/organisations/leeds-council", policy["assignee"]!.GetValue<string>());
        var permission = policy["permission"]![0]!;
        Assert.Equal("https://hub.example.gov.uk/api/v1/datasets/dwp-claimants", permission["target"]!["source"]!.GetValue<string>());
        Assert.Equal(["nino", "dateOfBirth", "postcode", "benefit"], permission["target"]!["refinement"]![0]!["rightOperand"]!.AsArray().Select(n => n!.GetValue<string>()));
        var constraints = permission["constraint"]!.AsArray();
        Assert.Contains(constraints, c => c!["leftOperand"]!.GetValue<string>() == "dateTime" && c["operator"]!.GetValue<string>() == "lt"
            && c["rightOperand"]!["@value"]!.GetValue<string>() == "2027-01-01T00:00:00Z");
        Assert.Contains(constraints, c => c!["leftOperand"]!.GetValue<string>() == "purpose");
        var duties = permission["duty"]!.AsArray().Select(d => d!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["delete", "anonymize"], duties);
        Assert.Equal("P90D", permission["duty"]![0]!["constraint"]![0]!["rightOperand"]!["@value"]!.GetValue<string>());
        Assert.Equal("distribute", policy["prohibition"]![0]!["action"]!.GetValue<string>());
        Assert.Equal("pseudonymise", permission["concordat:transforms"]!["nino"]!.GetValue<string>());
        Assert.Null(policy["concordat:specialCategoryCondition"]);
        Assert.False(policy.ContainsKey("concordat:specialCategoryCondition"));
        JsonNode.Parse(policy.ToJsonString());
    }
}

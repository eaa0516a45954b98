using System.Text.Json.Nodes;
using Concordat.Core.Governance;

namespace Concordat.Core.Tests.Governance;

public sealed class RecordDisclosureTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Fact]
    public void Returns_only_permitted_fields_transformed()
    {
        var key = Pseudonymiser.NewKey();
        var obligations = Permit(DisclosureMode.Pseudonymised);
        var record = JsonNode.Parse("""{"nino":"AB123456C","familyName":"Smith","dateOfBirth":"1950-02-03","postcode":"LS1 4AP","benefit":"pension-credit","weeklyAmount":201.05}""")!.AsObject();

        var shared = RecordDisclosure.Apply(obligations, record, Today, key)!;

        Assert.Equal(["nino", "dateOfBirth", "postcode", "benefit"], shared.Select(p => p.Key));
        Assert.Equal(Pseudonymiser.Token(key, "AB123456C"), shared["nino"]!.GetValue<string>());
        Assert.Equal("1950", shared["dateOfBirth"]!.GetValue<string>());
        Assert.Equal("LS1", shared["postcode"]!.GetValue<string>());
        Assert.Equal("pension-credit", shared["benefit"]!.GetValue<string>());
    }

    [Fact]
    public void Record_failing_a_row_filter_or_lacking_its_field_is_out_of_scope()
    {
        var obligations = Permit(DisclosureMode.Identified);

        Assert.Null(RecordDisclosure.Apply(obligations, JsonNode.Parse("""{"nino":"AB123456C","dateOfBirth":"1990-01-01"}""")!.AsObject(), Today));
        Assert.Null(RecordDisclosure.Apply(obligations, JsonNode.Parse("""{"nino":"AB123456C"}""")!.AsObject(), Today));
        var kept = RecordDisclosure.Apply(obligations, JsonNode.Parse("""{"nino":"AB123456C","dateOfBirth":"1950-01-01"}""")!.AsObject(), Today)!;
        Assert.Null(kept["postcode"]);
    }

    [Fact]
    public void Aggregate_obligations_never_release_records()
    {
        Assert.Throws<InvalidOperationException>(() => RecordDisclosure.Apply(Permit(DisclosureMode.Aggregate), [], Today));
    }

    private static Obligations Permit(DisclosureMode mode) =>
        PolicyEngine.Decide(AgreementSamples.Request(AgreementSamples.Active(AgreementSamples.Terms(mode)))).Obligations!;
}

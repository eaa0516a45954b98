using Concordat.Core.Audit;
using CsCheck;

namespace Concordat.Core.Tests.Audit;

public sealed class AuditEntryBoundsTests
{
    private static AuditEntry Entry(string text, IReadOnlyList<string>? fields = null) => new()
    {
        Time = DateTimeOffset.UnixEpoch,
        ClientId = text,
        OrganisationId = text,
        AgreementId = text,
        Purpose = text,
        Action = text,
        DatasetId = text,
        Fields = fields ?? [text],
        Outcome = AuditOutcome.Denied,
        ReasonCode = text,
        TraceId = text,
    };

    [Fact]
    public void Ids_codes_and_trace_ids_are_kept_as_they_are()
    {
        var entry = Entry("dwp-claimants") with { TraceId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", ReasonCode = "policy.purpose_mismatch", Fields = ["dateOfBirth", "post_code"] };

        Assert.Equal(("dwp-claimants", "policy.purpose_mismatch", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), (entry.DatasetId, entry.ReasonCode, entry.TraceId));
        Assert.Equal(["dateOfBirth", "post_code"], entry.Fields);
    }

    [Theory]
    [InlineData("Find older residents who may be entitled")]
    [InlineData("AB 12 34 56 C")]
    [InlineData("dwp-claimants' UNION SELECT payload FROM record_versions --")]
    [InlineData("é")]
    public void Free_text_is_withheld_in_every_member(string text)
    {
        var entry = Entry(text);

        Assert.All(
            new[] { entry.ClientId, entry.OrganisationId, entry.AgreementId, entry.Purpose, entry.Action, entry.DatasetId, entry.ReasonCode, entry.TraceId, entry.Fields[0] },
            m => Assert.Equal(AuditEntry.Withheld, m));
    }

    [Fact]
    public void A_one_megabyte_member_and_ten_thousand_fields_make_a_small_entry()
    {
        var huge = new string('a', 1024 * 1024);
        var entry = Entry(huge, Enumerable.Range(0, 10_000).Select(i => "f" + i).ToList()) with { Purpose = huge };

        Assert.Equal(AuditEntry.Withheld, entry.Purpose);
        Assert.Equal(AuditEntry.MaxFields, entry.Fields.Count);
        Assert.Equal(AuditEntry.Withheld, entry.Fields[^1]);
        Assert.Equal("f0", entry.Fields[0]);
        Assert.True(AuditEntryCodec.Encode(0, entry).Length < 4096);
    }

    [Fact]
    public void Any_entry_built_from_any_text_encodes_within_the_bound()
    {
        Gen.Select(Gen.String, Gen.String[0, 2000], Gen.String.List[0, 400]).Sample((a, b, fields) =>
        {
            var entry = Entry(a, fields) with { Purpose = b, DatasetId = b + a };
            var length = AuditEntryCodec.Encode(0, entry).Length;
            Assert.True(length <= (9 * (4 + AuditEntry.MaxTextLength)) + (AuditEntry.MaxFields * (4 + AuditEntry.MaxTextLength)) + 64, $"{length} bytes");
        }, iter: 2_000);
    }

    [Fact]
    public void Entries_read_back_keep_what_was_stored_so_old_long_entries_still_verify()
    {
        // An entry appended before the bounds existed, with a long purpose, as it sits in the log.
        var stored = new AuditEntry(verbatim: true)
        {
            Time = DateTimeOffset.UnixEpoch,
            ClientId = "leeds-council-service",
            OrganisationId = "leeds-council",
            Purpose = "A purpose in plain words, longer than any bound " + new string('x', 500),
            Action = "lookup",
            Outcome = AuditOutcome.Denied,
        };
        var bytes = AuditEntryCodec.Encode(3, stored);

        var (_, decoded) = AuditEntryCodec.Decode(bytes);

        Assert.Equal(stored.Purpose, decoded.Purpose);
        Assert.Equal(bytes, AuditEntryCodec.Encode(3, decoded));
    }
}

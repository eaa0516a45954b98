using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Linkage;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Portal.Staff;

/// <summary>
/// The linkage review in real Chromium: the queue most uncertain first, a pair side by side with the waterfall of its
/// match weight, an accepted pair joining two persons at once, and the person page showing the decision that did it.
/// Hub administrators only, as in the API.
/// </summary>
public sealed class LinkageReviewPageTests : IClassFixture<StaffHost>, IClassFixture<Browser>
{
    private const string Settings = """
        {"linkType":"linkAndDedupe","uniqueIdColumn":"recordKey","columns":[{"name":"nino"},{"name":"givenName"},{"name":"familyName"},{"name":"dateOfBirth"},{"name":"postcode"}],
         "comparisons":[{"column":"nino","levels":[{"type":"exact"}]}],"blockingRules":["nino"],
         "goldenRecord":{"defaultStrategy":"mostTrusted","sourcePriority":["hmrc-taxpayers","dwp-claimants"]}}
        """;

    private readonly StaffHost _host;
    private readonly Browser _browser;

    public LinkageReviewPageTests(StaffHost host, Browser browser)
    {
        _host = host;
        _browser = browser;
    }

    [Fact]
    public async Task An_administrator_accepts_the_most_uncertain_pair_and_sees_the_person_change()
    {
        var (uncertain, surer) = await SeedAsync();
        var errors = new List<string>();
        var ada = await StaffPortal.SignInAsync(_browser, _host, "ada.hughes", errors);
        await ada.GotoAsync("/staff/reviews");
        var pairs = await ada.Locator("#reviews tbody th a").AllInnerTextsAsync();
        Assert.True(pairs.ToList().IndexOf($"Pair {uncertain}") < pairs.ToList().IndexOf($"Pair {surer}"), "the most uncertain pair comes first");
        await StaffPortal.CheckAndCaptureAsync(ada, "review-queue");

        await ada.ClickAsync($"a[href='/staff/reviews/{uncertain}']");
        var records = await ada.InnerTextAsync("#records");
        Assert.Contains("Jane", records, StringComparison.Ordinal);
        Assert.Contains("PAYE taxpayers", records, StringComparison.Ordinal);
        Assert.Contains("Benefit claimants", records, StringComparison.Ordinal);
        // The waterfall is an accessible SVG drawn on the server, with its figures in a table too.
        Assert.Equal("img", await ada.GetAttributeAsync("#waterfall svg", "role"));
        Assert.Contains("Waterfall of the match weight", await ada.TextContentAsync("#waterfall title") ?? "", StringComparison.Ordinal);
        Assert.Equal(5, await ada.Locator("#waterfall rect").CountAsync());
        Assert.Contains("+12.00", await ada.InnerTextAsync("#waterfall-table"), StringComparison.Ordinal);
        await StaffPortal.CheckAndCaptureAsync(ada, "review-pair");

        Assert.Equal("/staff/persons/prs-jane-dwp", await ada.GetAttributeAsync("#left-person", "href"));
        Assert.Equal("/staff/persons/prs-jane-hmrc", await ada.GetAttributeAsync("#right-person", "href"));
        await ada.ClickAsync("#decide");
        Assert.Contains("Select whether the two records are the same person", await ada.InnerTextAsync(".govuk-error-summary"), StringComparison.Ordinal);
        Assert.Contains("Enter the reason for your decision", await ada.InnerTextAsync(".govuk-error-summary"), StringComparison.Ordinal);
        await StaffPortal.AssertAccessibleAsync(ada);
        await ada.CheckAsync("#decision");
        await ada.FillAsync("#reason", "Same NINO and date of birth; DWP holds the married name.");
        await ada.ClickAsync("#decide");

        // Sent to the person that now holds both records, built by the stored survivorship rules.
        Assert.Contains("/staff/persons/", ada.Url, StringComparison.Ordinal);
        Assert.Contains("its two records now belong to this person", await ada.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Equal("2 records", await ada.InnerTextAsync("#record-count"));
        Assert.Contains("PAYE taxpayers, record JG103759A", await ada.InnerTextAsync("#golden"), StringComparison.Ordinal);
        var decisions = await ada.InnerTextAsync("#decisions");
        Assert.Contains("Same person", decisions, StringComparison.Ordinal);
        Assert.Contains("Same NINO and date of birth; DWP holds the married name.", decisions, StringComparison.Ordinal);
        Assert.Contains("staff:ada.hughes", decisions, StringComparison.Ordinal);
        await StaffPortal.CheckAndCaptureAsync(ada, "person");

        // Each page that showed Jane's records is an audit entry for Ada, naming Jane by her subject key so she finds it in her own view.
        var jane = _host.Services.GetRequiredService<SubjectKeyer>().For(IdentifierKind.Nino, "JG103759A").Value;
        var reads = (await _host.Services.GetRequiredService<IAuditLog>().FindBySubjectAsync(jane, -1, 1_000, default))
            .Select(e => e.Entry).Where(e => e.ClientId == "staff:ada.hughes").ToList();
        Assert.Contains(reads, e => e.Action == "review-read" && e.Purpose == "linkage-review" && e.Outcome == AuditOutcome.Permitted);
        Assert.Contains(reads, e => e.Action == "person-read" && e.OrganisationId == "concordat-hub");
        var persons = _host.Services.GetRequiredService<IPersonStore>();
        Assert.Equal(await persons.GetPersonIdAsync(new RecordRef("hmrc-taxpayers", "JG103759A"), default), await persons.GetPersonIdAsync(new RecordRef("dwp-claimants", "JG103759A|pension-credit"), default));
        // The only console errors so far are the refused form's 400.
        Assert.DoesNotContain(errors, e => !e.Contains("400", StringComparison.Ordinal));
        errors.Clear();

        // The person merged away is gone; its page is "not found" now (the browser logs that 404, and nothing else).
        Assert.Equal(404, (await ada.GotoAsync("/staff/persons/prs-jane-hmrc"))!.Status);
        Assert.Contains("404", Assert.Single(errors), StringComparison.Ordinal);
        errors.Clear();

        // Decided: the pair shows the decision and no form; it is not in the waiting queue any more.
        await ada.GotoAsync($"/staff/reviews/{uncertain}");
        Assert.Equal(0, await ada.Locator("#decision-form").CountAsync());
        Assert.Contains("Same NINO", await ada.InnerTextAsync("#decision"), StringComparison.Ordinal);
        await ada.GotoAsync("/staff/reviews");
        Assert.DoesNotContain($"Pair {uncertain}", await ada.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Stewards_and_dpos_get_the_no_access_page_for_linkage_not_json()
    {
        await SeedAsync();
        var errors = new List<string>();
        var dana = await StaffPortal.SignInAsync(_browser, _host, "dana.whitfield", errors);
        Assert.Equal(0, await dana.Locator("a[href='/staff/reviews']").CountAsync());
        foreach (var path in new[] { "/staff/reviews", "/staff/reviews/1", "/staff/persons/prs-jane-hmrc" })
        {
            var response = await dana.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
            Assert.Equal("You do not have access", (await dana.InnerTextAsync("h1")).Trim());
        }

        await StaffPortal.CheckAndCaptureAsync(dana, "no-access");
    }

    private async Task<(long Uncertain, long Surer)> SeedAsync()
    {
        var persons = _host.Services.GetRequiredService<IPersonStore>();
        if ((await persons.ReviewsOfRecordsAsync([new RecordRef("hmrc-taxpayers", "JG103759A")], default)).Count == 0)
        {
            var settings = LinkageSettingsJson.Read(Settings);
            Assert.True(settings.IsSuccess, settings.IsSuccess ? null : settings.Errors[0].Message);
            RecordRef janeHmrc = new("hmrc-taxpayers", "JG103759A"), janeDwp = new("dwp-claimants", "JG103759A|pension-credit");
            RecordRef samHmrc = new("hmrc-taxpayers", "SK502211B"), samDwp = new("dwp-claimants", "SK502211B|universal-credit");
            await persons.SaveAsync(
                new PersonResolution
                {
                    Persons = [Person("prs-jane-hmrc", janeHmrc), Person("prs-jane-dwp", janeDwp), Person("prs-sam-hmrc", samHmrc), Person("prs-sam-dwp", samDwp)],
                    ReviewQueue = [Pair(janeDwp, janeHmrc, 0.4), Pair(samDwp, samHmrc, 2.5)],
                    NewPersons = 4,
                    NewlyLinkedRecords = 4,
                    PairsScored = 2,
                    Settings = settings.Value,
                },
                DateTimeOffset.UtcNow,
                default);
        }

        var jane = (await persons.ReviewsOfRecordsAsync([new RecordRef("hmrc-taxpayers", "JG103759A")], default)).Single().Id;
        var sam = (await persons.ReviewsOfRecordsAsync([new RecordRef("hmrc-taxpayers", "SK502211B")], default)).Single().Id;
        return (jane, sam);
    }

    private static Person Person(string id, RecordRef record) => new()
    {
        PersonId = id,
        Records = [record],
        Golden = new Dictionary<string, string?>(),
        GoldenSources = new Dictionary<string, RecordRef>(),
    };

    private static ReviewItem Pair(RecordRef left, RecordRef right, double weight) => new()
    {
        Left = left,
        Right = right,
        MatchWeight = weight,
        MatchProbability = 1 / (1 + Math.Pow(2, -weight)),
        Explanation = new PairExplanation
        {
            LeftId = left.RecordKey,
            RightId = right.RecordKey,
            PriorWeight = -15,
            Steps =
            [
                new ExplanationStep { Comparison = "nino", Level = "exact", LeftValue = "JG103759A", RightValue = "JG103759A", Weight = 12, RunningTotal = -3 },
                new ExplanationStep { Comparison = "familyName", Level = "else", LeftValue = "GREEN", RightValue = "GREENE", Weight = -2.6, RunningTotal = -5.6 },
                new ExplanationStep { Comparison = "dateOfBirth", Level = "exact", LeftValue = "1952-07-14", RightValue = "1952-07-14", Weight = 6, RunningTotal = weight },
            ],
            Weight = weight,
            Probability = 1 / (1 + Math.Pow(2, -weight)),
        },
    };
}

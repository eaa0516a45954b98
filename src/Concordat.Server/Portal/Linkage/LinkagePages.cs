using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Linkage;
using Concordat.Server.Portal.Charts;
using Concordat.Server.Portal.Forms;
using Concordat.Server.Portal.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Server.Portal.Linkage;

/// <summary>
/// The clerical review queue and persons, for hub administrators only, as in the API (a person joins records of many
/// organisations): the queue most uncertain first, a pair side by side with the waterfall of its match weight and the
/// decision form, and a person with their golden record, source records and the decisions that shaped them. Decisions
/// go through <see cref="ReviewService"/>, the API's own.
/// </summary>
internal static class LinkagePages
{
    private const int PageSize = 25;
    private const string NoAccessReason = "Linkage review is for hub administrators: a person joins records held by several organisations.";

    public static RouteGroupBuilder MapLinkagePages(this RouteGroupBuilder staff)
    {
        staff.MapGet("/reviews", QueueAsync);
        staff.MapGet("/reviews/{id:long}", ReviewAsync);
        staff.MapPost("/reviews/{id:long}", DecideAsync);
        staff.MapGet("/persons/{id}", PersonAsync);
        return staff;
    }

    private static async Task<IResult> QueueAsync(string? status, string? after, StaffUser user, IPersonStore persons, CancellationToken cancellationToken)
    {
        if (!StaffAccess.MayReviewLinkage(user.Caller))
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        var wanted = status switch
        {
            null or "" or "pending" => ReviewStatus.Pending,
            "accepted" => ReviewStatus.Accepted,
            "rejected" => ReviewStatus.Rejected,
            _ => (ReviewStatus?)null,
        };
        if (wanted is null)
        {
            return PortalResults.NotFound();
        }

        ReviewPosition? cursor = ReviewPosition.TryParse(after, out var position) ? position : null;
        var items = await persons.ListReviewsByUncertaintyAsync(wanted.Value, cursor, PageSize + 1, cancellationToken);
        var parameters = StaffDirectory.With(user);
        parameters[nameof(ReviewQueuePage.Status)] = wanted.Value;
        parameters[nameof(ReviewQueuePage.Items)] = items.Take(PageSize).ToList();
        parameters[nameof(ReviewQueuePage.Next)] = items.Count > PageSize ? ReviewPosition.Of(items[PageSize - 1]).ToString() : null;
        parameters[nameof(ReviewQueuePage.FirstPage)] = cursor is null;
        return new RazorComponentResult<ReviewQueuePage>(parameters);
    }

    private static async Task<IResult> ReviewAsync(long id, string? done, HttpContext http, StaffUser user, IPersonStore persons, IRecordStore records, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        if (!StaffAccess.MayReviewLinkage(user.Caller))
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        var item = await persons.GetReviewAsync(id, cancellationToken);
        if (item is null)
        {
            return PortalResults.NotFound();
        }

        var notice = done == "rejected" ? "The pair is rejected: no later resolution links these two records directly." : null;
        return await ReviewPageAsync(http, user, item, persons, records, catalogue, FormErrors.None, null, notice, StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> DecideAsync(
        long id, HttpContext http, StaffUser user, ReviewService reviews, IPersonStore persons, IRecordStore records, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        if (!StaffAccess.MayReviewLinkage(user.Caller))
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        var item = await persons.GetReviewAsync(id, cancellationToken);
        if (item is null)
        {
            return PortalResults.NotFound();
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var decision = form["decision"].ToString();
        var reason = form["reason"].ToString().Trim();
        var errors = new FormErrors();
        if (decision is not ("accept" or "reject"))
        {
            errors.Add("decision", "Select whether the two records are the same person");
        }

        if (reason.Length == 0)
        {
            errors.Add("reason", "Enter the reason for your decision");
        }

        if (!errors.Any)
        {
            var result = await reviews.DecideAsync(id, decision == "accept", user.Caller.ClientId, reason, cancellationToken);
            if (result.IsSuccess)
            {
                return result.Value.PersonId is { } person
                    ? Results.Redirect($"/staff/persons/{Uri.EscapeDataString(person)}?done=accepted")
                    : Results.Redirect($"/staff/reviews/{id.ToString(CultureInfo.InvariantCulture)}?done={(decision == "accept" ? "accepted" : "rejected")}");
            }

            foreach (var error in result.Errors)
            {
                errors.Add(error.Target == "reason" ? "reason" : "decision", error.Message);
            }

            item = await persons.GetReviewAsync(id, cancellationToken) ?? item;
        }

        return await ReviewPageAsync(http, user, item, persons, records, catalogue, errors, form, null, StatusCodes.Status400BadRequest, cancellationToken);
    }

    private static async Task<IResult> PersonAsync(string id, string? done, HttpContext http, StaffUser user, IPersonStore persons, IRecordStore records, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        if (!StaffAccess.MayReviewLinkage(user.Caller))
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        var person = await persons.GetPersonAsync(id, cancellationToken);
        if (person is null)
        {
            return PortalResults.NotFound();
        }

        var sources = new List<(RecordRef Ref, RecordVersion? Version)>();
        foreach (var record in person.Records.Take(200))
        {
            sources.Add((record, await records.GetRecordAsync(record.DatasetId, record.RecordKey, cancellationToken)));
        }

        var datasets = await StaffDirectory.DatasetsAsync(catalogue, cancellationToken);
        var shown = sources.Where(s => s.Version is { IsDeleted: false }).Select(s => HubRecord.FromPayload(s.Ref, s.Version!.RecordedAt, s.Version.PayloadJson)).ToList();
        await StaffReads.RecordAsync(http, user, StaffReads.PersonRead, StaffReads.LinkagePurpose, SingleDataset(person.Records), shown, datasets, cancellationToken);
        var parameters = StaffDirectory.With(user);
        parameters[nameof(PersonPage.Person)] = person;
        parameters[nameof(PersonPage.Sources)] = sources;
        parameters[nameof(PersonPage.Decisions)] = await persons.ReviewsOfRecordsAsync(person.Records, cancellationToken);
        parameters[nameof(PersonPage.Datasets)] = datasets;
        parameters[nameof(PersonPage.Notice)] = done == "accepted" ? "The pair is accepted: its two records now belong to this person." : null;
        return new RazorComponentResult<PersonPage>(parameters);
    }

    private static async Task<IResult> ReviewPageAsync(
        HttpContext http, StaffUser user, ReviewItem item, IPersonStore persons, IRecordStore records, ICatalogueStore catalogue, FormErrors errors, IFormCollection? form, string? notice, int status,
        CancellationToken cancellationToken)
    {
        var left = await records.GetRecordAsync(item.Left.DatasetId, item.Left.RecordKey, cancellationToken);
        var right = await records.GetRecordAsync(item.Right.DatasetId, item.Right.RecordKey, cancellationToken);
        var leftRecord = left is { IsDeleted: false } ? HubRecord.FromPayload(item.Left, left.RecordedAt, left.PayloadJson) : null;
        var rightRecord = right is { IsDeleted: false } ? HubRecord.FromPayload(item.Right, right.RecordedAt, right.PayloadJson) : null;
        var datasets = await StaffDirectory.DatasetsAsync(catalogue, cancellationToken);
        await StaffReads.RecordAsync(http, user, StaffReads.ReviewRead, StaffReads.LinkagePurpose, SingleDataset([item.Left, item.Right]),
            new[] { leftRecord, rightRecord }.OfType<HubRecord>(), datasets, cancellationToken);
        var parameters = StaffDirectory.With(user);
        parameters[nameof(ReviewPage.Item)] = item;
        parameters[nameof(ReviewPage.Left)] = leftRecord;
        parameters[nameof(ReviewPage.Right)] = rightRecord;
        parameters[nameof(ReviewPage.LeftPerson)] = await persons.GetPersonIdAsync(item.Left, cancellationToken);
        parameters[nameof(ReviewPage.RightPerson)] = await persons.GetPersonIdAsync(item.Right, cancellationToken);
        parameters[nameof(ReviewPage.Datasets)] = datasets;
        parameters[nameof(ReviewPage.Waterfall)] = Waterfall(item.Explanation);
        parameters[nameof(ReviewPage.Errors)] = errors;
        parameters[nameof(ReviewPage.Form)] = form;
        parameters[nameof(ReviewPage.Notice)] = notice;
        return new RazorComponentResult<ReviewPage>(parameters) { StatusCode = status };
    }

    /// <summary>The waterfall of a pair's match weight: the prior, each comparison's weight, and the total.</summary>
    internal static IReadOnlyList<WaterfallBar> Waterfall(PairExplanation? explanation)
    {
        if (explanation is null)
        {
            return [];
        }

        var bars = new List<WaterfallBar> { new("Prior (before any comparison)", null, 0, explanation.PriorWeight, true) };
        var total = explanation.PriorWeight;
        foreach (var step in explanation.Steps)
        {
            bars.Add(new WaterfallBar(step.Comparison, "level: " + step.Level, total, step.RunningTotal, false));
            total = step.RunningTotal;
        }

        bars.Add(new WaterfallBar("Match weight", $"probability {explanation.Probability.ToString("P1", CultureInfo.InvariantCulture)}", 0, explanation.Weight, true));
        return bars;
    }

    // An entry names one dataset: the records' own when they all come from one, none when they span several.
    private static string? SingleDataset(IEnumerable<RecordRef> records)
    {
        var ids = records.Select(r => r.DatasetId).Distinct(StringComparer.Ordinal).Take(2).ToList();
        return ids.Count == 1 ? ids[0] : null;
    }
}

using Concordat.Core;
using Concordat.Core.Linkage;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Persons;

/// <summary>
/// <c>POST /api/v1/linkage/explain</c>: the waterfall of one pair, every comparison's level and match weight and the
/// running total, as <c>concordat link explain</c> prints it. Stateless: the caller sends the settings, the trained
/// model and the two records, so a steward can explain any pair, including one from the review queue.
/// </summary>
public static class LinkageExplainEndpoints
{
    /// <summary>Maps the explain endpoint under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapLinkageExplainEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/linkage/explain", Explain)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithTags("Persons")
            .WithName("ExplainPair")
            .WithSummary("How a pair's match weight builds up, comparison by comparison (a waterfall)")
            .Produces<PairExplanation>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static IResult Explain(ExplainPairRequest request)
    {
        if (request.Settings is null || request.Model is null || request.Left is null || request.Right is null)
        {
            return ApiProblems.From(Error.Validation("linkage.explain_incomplete", "Send settings, model, left and right.", "body"));
        }

        var settings = LinkageSettingsJson.Read(request.Settings.ToJsonString());
        if (!settings.IsSuccess)
        {
            return ApiProblems.From(settings.Errors);
        }

        var model = LinkageModel.Parse(request.Model.ToJsonString());
        if (!model.IsSuccess)
        {
            return ApiProblems.From(model.Errors);
        }

        // The two records form one small input; the pair is compared whatever the blocking rules say.
        var single = settings.Value with { LinkType = LinkType.Dedupe };
        var id = single.UniqueIdColumn;
        var records = new[]
        {
            new HubRecord(new RecordRef("left", "left"), DateTimeOffset.UnixEpoch, request.Left),
            new HubRecord(new RecordRef("right", "right"), DateTimeOffset.UnixEpoch, request.Right),
        };
        // Every column the settings name is present; a value the caller left out is missing (the null level).
        var columns = single.Columns.Select(c => c.Name).Concat(request.Left.Keys).Concat(request.Right.Keys)
            .Where(c => c != id).Append(id).Distinct(StringComparer.Ordinal).ToList();
        using var source = new HubRecordSource(records, columns, id);
        var data = LinkageData.Load(single, [source]);
        if (!data.IsSuccess)
        {
            return ApiProblems.From(data.Errors);
        }

        return TypedResults.Ok(new LinkageEngine(single).Explain(data.Value, model.Value, 0, 1));
    }
}

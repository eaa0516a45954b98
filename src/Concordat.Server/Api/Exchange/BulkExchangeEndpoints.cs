using System.Security.Claims;
using Concordat.Core.Exchange;
using Concordat.Server.Api.Audit;
using Concordat.Server.Auth;
using Concordat.Server.Federation;
using Concordat.Server.Hosting;

namespace Concordat.Server.Api.Exchange;

/// <summary>
/// <c>/api/v1/exchange/extracts</c> and <c>/aggregates</c>: whole-dataset requests under an agreement. An extract is
/// made in one request (written, hashed and audited), then fetched by its manifest's id by the same organisation.
/// </summary>
public static class BulkExchangeEndpoints
{
    /// <summary>Maps the bulk exchange endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapBulkExchangeEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/exchange").WithTags("Exchange").RequireAuthorization(AuthPolicies.Exchange);
        group.MapPost("/extracts", CreateExtractAsync)
            .Audited("extract")
            .WithName("CreateExtract")
            .WithSummary("Makes a bulk extract (CSV, NDJSON or Parquet) of the permitted records and returns its manifest")
            .Produces<ExtractManifest>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/extracts/{id}", GetManifestAsync)
            .Audited("extract-manifest")
            .WithName("GetExtractManifest")
            .WithSummary("The manifest of an extract your organisation made, while its agreement still permits it")
            .Produces<ExtractManifest>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/extracts/{id}/data", GetDataAsync)
            .Audited("extract-download")
            .WithName("GetExtractData")
            .WithSummary("The extract's file, decided again under the agreement as it is now; its SHA-256 is in the manifest and the Repr-Digest header")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/aggregates", AggregateAsync)
            .Audited("aggregate")
            .WithName("RunAggregate")
            .WithSummary("Counts and sums grouped by permitted fields, with small cells suppressed and counts rounded")
            .Produces<AggregateResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> CreateExtractAsync(
        ExtractRequest request, ClaimsPrincipal user, HttpContext http, BulkExchangeService exchange, ExtractFiles files, CancellationToken cancellationToken)
    {
        using var measure = ConcordatTelemetry.Measure("extract");
        measure.Describe(request.AgreementId, request.DatasetId);
        var caller = ExchangeEndpoints.Caller(user, http);
        var scope = new ExchangeScope(request.AgreementId, request.Purpose, request.DatasetId, request.Fields ?? []);
        var id = ExtractFiles.NewId();
        Core.Result<ExtractManifest> result;
        try
        {
            await using (var output = files.CreateTemporary(id))
            {
                result = await exchange.ExtractAsync(caller, scope, request.Format, id, output, cancellationToken);
            }

            if (result.IsSuccess)
            {
                files.Publish(id, caller.OrganisationId, result.Value);
            }
        }
        finally
        {
            files.Discard(id);
        }

        measure.Outcome = result.IsSuccess ? "permitted" : result.Errors[0].Code;
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/exchange/extracts/{id}", result.Value)
            : ApiProblems.From(result.Errors);
    }

    private static async Task<IResult> GetManifestAsync(
        string id, ClaimsPrincipal user, HttpContext http, ExtractFiles files, BulkExchangeService exchange, CancellationToken cancellationToken)
    {
        var caller = ExchangeEndpoints.Caller(user, http);
        var released = await exchange.ReleaseExtractAsync(caller, "extract-manifest", await files.FindAsync(id, caller.OrganisationId, cancellationToken), cancellationToken);
        return released.IsSuccess ? TypedResults.Ok(released.Value) : ApiProblems.From(released.Errors);
    }

    private static async Task<IResult> GetDataAsync(
        string id, ClaimsPrincipal user, HttpContext http, ExtractFiles files, BulkExchangeService exchange, CancellationToken cancellationToken)
    {
        var caller = ExchangeEndpoints.Caller(user, http);
        // Decided again under the agreement as it is now, and audited, before a byte of the file is sent.
        var released = await exchange.ReleaseExtractAsync(caller, "extract-download", await files.FindAsync(id, caller.OrganisationId, cancellationToken), cancellationToken);
        if (!released.IsSuccess)
        {
            return ApiProblems.From(released.Errors);
        }

        var manifest = released.Value;
        http.Response.Headers["Repr-Digest"] = "sha-256=:" + Convert.ToBase64String(Convert.FromHexString(manifest.Sha256)) + ":";
        var (contentType, extension) = manifest.Format switch
        {
            ExtractFormat.Csv => ("text/csv; charset=utf-8", "csv"),
            ExtractFormat.Ndjson => ("application/x-ndjson", "ndjson"),
            _ => ("application/vnd.apache.parquet", "parquet"),
        };
        return TypedResults.File(files.OpenData(id), contentType, $"{id}.{extension}");
    }

    private static async Task<IResult> AggregateAsync(AggregateRequest request, ClaimsPrincipal user, HttpContext http, BulkExchangeService exchange, CancellationToken cancellationToken)
    {
        using var measure = ConcordatTelemetry.Measure("aggregate");
        measure.Describe(request.AgreementId, request.DatasetId);
        var forwarder = http.RequestServices.ExchangeForwarder();
        if (forwarder?.Route(request.DatasetId) is var (provider, datasetId))
        {
            var entry = forwarder.Entry(ExchangeEndpoints.Caller(user, http), "aggregate", request.AgreementId, request.Purpose, request.DatasetId, [.. request.GroupBy ?? [], .. request.Sums ?? []]);
            var forwarded = await forwarder.ForwardAsync(provider, "aggregate", request with { DatasetId = datasetId }, entry, cancellationToken);
            measure.Outcome = "forwarded";
            return forwarded;
        }

        var scope = new ExchangeScope(request.AgreementId, request.Purpose, forwarder?.Local(request.DatasetId) ?? request.DatasetId, []);
        var result = await exchange.AggregateAsync(ExchangeEndpoints.Caller(user, http), scope, request.GroupBy ?? [], request.Sums ?? [], cancellationToken);
        measure.Outcome = result.IsSuccess ? "permitted" : result.Errors[0].Code;
        return result.IsSuccess ? TypedResults.Ok(AggregateResponse.From(result.Value)) : ApiProblems.From(result.Errors);
    }

}

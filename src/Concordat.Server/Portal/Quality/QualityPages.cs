using System.Globalization;
using System.Text;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Quality;
using Concordat.Server.Api.Datasets;
using Concordat.Server.Portal.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Server.Portal.Quality;

/// <summary>
/// Datasets, their quality and their ingestion, for the stewards of the owning organisation and administrators (the
/// API's <see cref="DatasetAccess.FindManagedAsync"/> decides, so another organisation's dataset is "Page not found"):
/// the quality score and its trend over runs, each field's completeness and validity as server-drawn charts, rule
/// results, runs with their status, and the quarantine, filterable and downloadable as CSV (the API's own writer).
/// </summary>
internal static class QualityPages
{
    private const int QuarantinePage = 50;
    private const int MaxScanned = 10_000;
    private static readonly IReadOnlyDictionary<string, Dataset> EmptyDatasets = new Dictionary<string, Dataset>(StringComparer.Ordinal);

    private const string NoAccessReason = "Datasets, their runs and their quarantine are for data stewards and hub administrators.";

    public static RouteGroupBuilder MapQualityPages(this RouteGroupBuilder staff)
    {
        staff.MapGet("/datasets", ListAsync);
        staff.MapGet("/datasets/{id}", DatasetAsync);
        staff.MapGet("/runs/{runId:long}", RunAsync);
        staff.MapGet("/runs/{runId:long}/quarantine.csv", CsvAsync);
        return staff;
    }

    private static async Task<IResult> ListAsync(StaffUser user, ICatalogueStore catalogue, IQualityStore quality, CancellationToken cancellationToken)
    {
        if (!StaffAccess.MayManageData(user.Caller))
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        var datasets = (await catalogue.ListDatasetsAsync(null, cancellationToken)).Where(d => user.Caller.CanManage(d.OrganisationId)).OrderBy(d => d.Title, StringComparer.CurrentCulture).ToList();
        var parameters = StaffDirectory.With(user);
        parameters[nameof(DatasetListPage.Datasets)] = datasets;
        parameters[nameof(DatasetListPage.Latest)] = await quality.LatestProfilesAsync(cancellationToken);
        parameters[nameof(DatasetListPage.Organisations)] = await StaffDirectory.OrganisationNamesAsync(catalogue, cancellationToken);
        return new RazorComponentResult<DatasetListPage>(parameters);
    }

    private static async Task<IResult> DatasetAsync(
        string id, StaffUser user, ICatalogueStore catalogue, IQualityStore quality, IIngestStore ingest, IRecordStore records, CancellationToken cancellationToken)
    {
        if (!StaffAccess.MayManageData(user.Caller))
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, user.Caller, cancellationToken);
        if (!dataset.IsSuccess)
        {
            return PortalResults.NotFound();
        }

        var parameters = StaffDirectory.With(user);
        parameters[nameof(DatasetPage.Dataset)] = dataset.Value;
        parameters[nameof(DatasetPage.Profiles)] = await quality.ListProfilesAsync(id, 30, cancellationToken);
        parameters[nameof(DatasetPage.Runs)] = await ingest.ListRunsAsync(id, 20, cancellationToken);
        parameters[nameof(DatasetPage.Records)] = await records.CountRecordsAsync(id, cancellationToken);
        return new RazorComponentResult<DatasetPage>(parameters);
    }

    private static async Task<IResult> RunAsync(
        long runId, string? field, string? reason, string? after, HttpContext http, StaffUser user, ICatalogueStore catalogue, IIngestStore ingest, CancellationToken cancellationToken)
    {
        if (!StaffAccess.MayManageData(user.Caller))
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        var found = await FindRunAsync(runId, user, catalogue, ingest, cancellationToken);
        if (found is not { } run)
        {
            return PortalResults.NotFound();
        }

        var filter = QuarantineFilter.From(field, reason);
        var cursor = long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var from) ? from : 0;
        var rows = new List<QuarantinedRow>(QuarantinePage);
        long? next = null;
        var scanned = 0;
        while (rows.Count <= QuarantinePage && scanned < MaxScanned)
        {
            var page = await ingest.GetQuarantineAsync(runId, cursor, 200, cancellationToken);
            foreach (var row in page)
            {
                scanned++;
                cursor = row.RowNumber;
                if (filter.Matches(row))
                {
                    rows.Add(row);
                    if (rows.Count > QuarantinePage)
                    {
                        break;
                    }
                }
            }

            if (page.Count < 200)
            {
                break;
            }
        }

        if (rows.Count > QuarantinePage)
        {
            rows.RemoveAt(rows.Count - 1);
            next = rows[^1].RowNumber;
        }
        else if (scanned >= MaxScanned)
        {
            // A narrow filter over a large quarantine: stop after a bounded scan and carry on from there.
            next = cursor;
        }

        // Quarantined rows hold the values read, personal data among them: reading them is audited like a record read.
        await StaffReads.RecordAsync(http, user, StaffReads.QuarantineRead, StaffReads.QualityPurpose, run.Dataset.Id, [], EmptyDatasets, cancellationToken);
        var parameters = StaffDirectory.With(user);
        parameters[nameof(RunPage.Run)] = run.Run;
        parameters[nameof(RunPage.Dataset)] = run.Dataset;
        parameters[nameof(RunPage.Rows)] = rows;
        parameters[nameof(RunPage.Filter)] = filter;
        parameters[nameof(RunPage.Next)] = next;
        parameters[nameof(RunPage.FirstPage)] = after is null;
        return new RazorComponentResult<RunPage>(parameters);
    }

    private static async Task<IResult> CsvAsync(long runId, string? field, string? reason, HttpContext http, StaffUser user, ICatalogueStore catalogue, IIngestStore ingest, CancellationToken cancellationToken)
    {
        if (!StaffAccess.MayManageData(user.Caller))
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        if (await FindRunAsync(runId, user, catalogue, ingest, cancellationToken) is not { } run)
        {
            return PortalResults.NotFound();
        }

        await StaffReads.RecordAsync(http, user, StaffReads.QuarantineDownload, StaffReads.QualityPurpose, run.Dataset.Id, [], EmptyDatasets, cancellationToken);

        var filter = QuarantineFilter.From(field, reason);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"run-{runId.ToString(CultureInfo.InvariantCulture)}-quarantine.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await QuarantineCsv.WriteAsync(writer, () => Filtered(QuarantineCsv.ReadAsync(ingest, runId, 0, int.MaxValue, 1000, cancellationToken), filter), cancellationToken);
        return Results.Empty;
    }

    private static async IAsyncEnumerable<QuarantinedRow> Filtered(IAsyncEnumerable<QuarantinedRow> rows, QuarantineFilter filter)
    {
        await foreach (var row in rows)
        {
            if (filter.Matches(row))
            {
                yield return row;
            }
        }
    }

    // The run's dataset must be one the member manages, as in the API; otherwise the run reads as missing.
    private static async Task<(IngestRun Run, Dataset Dataset)?> FindRunAsync(long runId, StaffUser user, ICatalogueStore catalogue, IIngestStore ingest, CancellationToken cancellationToken)
    {
        var run = await ingest.GetRunAsync(runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var dataset = await DatasetAccess.FindManagedAsync(catalogue, run.DatasetId, user.Caller, cancellationToken);
        return dataset.IsSuccess ? (run, dataset.Value) : null;
    }
}

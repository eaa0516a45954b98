using System.Diagnostics;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Concordat.Core.Linkage;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Persons;

/// <summary>
/// Holds the in-memory <see cref="PersonMatchIndex"/>: built from the stores when the hub starts (when
/// <see cref="PersonMatchOptions"/> names the settings and model), then brought in step every
/// <see cref="PersonMatchOptions.RefreshInterval"/> with what ingests and resolutions committed since, by reading the
/// stores' change feeds (<see cref="PersonMatchIndexLoader.CatchUpAsync"/>), and on demand through
/// <see cref="RefreshAsync"/>. When the index fell too far behind, a new one is built in the background and swapped in.
/// Matching reads the index throughout.
/// </summary>
public sealed class PersonMatchService : BackgroundService
{
    private readonly PersonMatchOptions _options;
    private readonly IPersonStore _persons;
    private readonly IRecordStore _records;
    private readonly ILogger<PersonMatchService> _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile PersonMatchIndex? _index;
    private LinkageSettings? _settings;
    private LinkageModel? _model;
    private volatile Error? _unavailable = Error.Conflict("persons.match_loading", "The person match index is still being built; try again shortly.");

    /// <summary>Creates the service; nothing is read until the host starts it.</summary>
    public PersonMatchService(IOptions<PersonMatchOptions> options, IPersonStore persons, IRecordStore records, ILogger<PersonMatchService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _persons = persons;
        _records = records;
        _logger = logger;
    }

    /// <summary>The index, or why there is none (<c>persons.match_unavailable</c>, <c>persons.match_loading</c>, or the settings' or model's own error).</summary>
    public Result<PersonMatchIndex> Index => _index is { } index ? index : Result<PersonMatchIndex>.Failure(_unavailable!);

    /// <summary>
    /// Brings the index in step with what committed since its position now (or rebuilds it when it fell too far
    /// behind); returns the records changed, or held after a rebuild (0 when there is no index).
    /// </summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        if (_index is not { } index)
        {
            return 0;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var caughtUp = await PersonMatchIndexLoader.CatchUpAsync(index, _persons, _records, cancellationToken);
            if (!caughtUp.RebuildNeeded)
            {
                if (caughtUp.RecordsChanged > 0)
                {
                    PersonMatchLog.Refreshed(_logger, caughtUp.RecordsChanged);
                }

                return caughtUp.RecordsChanged;
            }

            var stopwatch = Stopwatch.StartNew();
            var rebuilt = await PersonMatchIndexLoader.LoadAsync(_settings!, _model!, _persons, _records, cancellationToken);
            if (!rebuilt.IsSuccess)
            {
                PersonMatchLog.NotBuilt(_logger, rebuilt.Errors[0].Code);
                return 0;
            }

            // The old index is left to the collector rather than disposed: a match may still be reading it.
            _index = rebuilt.Value;
            PersonMatchLog.Built(_logger, rebuilt.Value.RecordCount, rebuilt.Value.PersonCount, stopwatch.ElapsedMilliseconds);
            return rebuilt.Value.RecordCount;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _index?.Dispose();
        _refresh.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(_options.Settings) || string.IsNullOrWhiteSpace(_options.Model))
        {
            _unavailable = Error.Conflict("persons.match_unavailable", "Person matching is not configured on this hub: set Concordat:PersonMatch:Settings and Concordat:PersonMatch:Model.");
            PersonMatchLog.NotBuilt(_logger, "persons.match_unavailable");
            return;
        }

        // A cap out of range is the operator's mistake: refuse matching with a code that says so, rather than answer
        // every caller 400 as if their request were wrong.
        if (_options.MaxBlockRecords is < 1 or > PersonMatchIndex.MaxBlockRecordsLimit)
        {
            _unavailable = Error.Conflict("persons.match_misconfigured", "Concordat:PersonMatch:MaxBlockRecords is 1 to 1,000,000.");
            PersonMatchLog.NotBuilt(_logger, "persons.match_misconfigured");
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var built = await BuildAsync(stoppingToken);
        if (!built.IsSuccess)
        {
            _unavailable = Error.Conflict(built.Errors[0].Code, built.Errors[0].Message);
            PersonMatchLog.NotBuilt(_logger, built.Errors[0].Code);
            return;
        }

        _index = built.Value;
        PersonMatchLog.Built(_logger, built.Value.RecordCount, built.Value.PersonCount, stopwatch.ElapsedMilliseconds);
        using var timer = new PeriodicTimer(_options.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PersonMatchLog.RefreshFailed(_logger, ex);
            }
        }
    }

    private async Task<Result<PersonMatchIndex>> BuildAsync(CancellationToken cancellationToken)
    {
        Result<LinkageSettings> settings;
        Result<LinkageModel> model;
        try
        {
            settings = LinkageSettingsJson.Read(await File.ReadAllTextAsync(_options.Settings!, cancellationToken));
            model = LinkageModel.Parse(await File.ReadAllTextAsync(_options.Model!, cancellationToken));
        }
        catch (IOException)
        {
            return Error.Validation("persons.match_files_unreadable", "The person match settings or model file cannot be read.");
        }
        catch (UnauthorizedAccessException)
        {
            return Error.Validation("persons.match_files_unreadable", "The person match settings or model file cannot be read.");
        }

        if (!settings.IsSuccess)
        {
            return Result<PersonMatchIndex>.Failure(settings.Errors);
        }

        if (!model.IsSuccess)
        {
            return Result<PersonMatchIndex>.Failure(model.Errors);
        }

        (_settings, _model) = (settings.Value, model.Value);
        return await PersonMatchIndexLoader.LoadAsync(settings.Value, model.Value, _persons, _records, cancellationToken);
    }
}

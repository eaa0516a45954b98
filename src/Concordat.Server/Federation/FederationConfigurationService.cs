using System.Text;
using Concordat.Core;
using Concordat.Core.Federation;
using Concordat.Storage.Federation;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>
/// Holds the federation configuration this node accepted and refreshes it: on start it takes the copy kept in the
/// data directory (verified again), then fetches from the source every <see cref="FederationOptions.RefreshInterval"/>.
/// A fetched configuration is used only when its signature by the pinned key verifies, it is valid, and its version
/// is above the one held; anything else is refused and logged while the held copy stays in use. Federation traffic
/// flows while the held configuration is current or in its grace period and stops after (the node's own work
/// never does). Thread safe.
/// </summary>
public sealed class FederationConfigurationService : IDisposable
{
    /// <summary>How far in the future a configuration's issue time may be before it is refused as a clock fault.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private readonly FederationOptions _options;
    private readonly NoteVerifierKey _trustedKey;
    private readonly FederationConfigurationSource _source;
    private readonly FederationNodeCertificate _node;
    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly ILogger<FederationConfigurationService> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Lock _observe = new();
    private FederationSnapshot? _current;
    private RefreshRecord _refresh = new(null, null);
    private string? _lastObservedCode;

    internal FederationConfigurationService(IOptions<FederationOptions> options, IOptions<ConcordatOptions> concordat, FederationConfigurationSource source, FederationNodeCertificate node, TimeProvider time, ILogger<FederationConfigurationService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(concordat);
        _options = options.Value;
        _trustedKey = NoteVerifierKey.Parse(_options.TrustedKey).Value;
        _source = source;
        _node = node;
        _directory = Path.Combine(concordat.Value.DataDirectoryPath, "federation");
        _time = time;
        _logger = logger;
    }

    /// <summary>The configuration in use, or null before one was accepted.</summary>
    public FederationSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>This node's organisation.</summary>
    public string OrganisationId => _options.OrganisationId!;

    /// <summary>
    /// The configuration when federation traffic may flow now: one is held, it is current or in its grace period, and
    /// this node is a member with its certificate listed. Otherwise why not (<see cref="ErrorKind.Unavailable"/>).
    /// </summary>
    public Result<FederationSnapshot> Usable()
    {
        var status = Status();
        return status.Usable ? Current! : Error.Unavailable(status.Code, status.Description);
    }

    /// <summary>Where federation stands now; logs the moment it changes (grace, expiry, resumption).</summary>
    public FederationStatus Status()
    {
        var now = _time.GetUtcNow();
        var snapshot = Current;
        FederationStatus status;
        if (snapshot is null)
        {
            var refresh = Volatile.Read(ref _refresh);
            status = new FederationStatus(false, "federation.no_configuration", "No federation configuration has been accepted yet.", 0, null, null, refresh.At, refresh.Error);
        }
        else
        {
            var configuration = snapshot.Configuration;
            var state = configuration.StateAt(now);
            var (usable, code, description) = snapshot.Self is null
                ? (false, "federation.not_a_member", $"This node's organisation '{OrganisationId}' is not a member in configuration version {configuration.Version}.")
                : !snapshot.Self.Holds(_node.Thumbprint) || configuration.IsRevoked(_node.Thumbprint)
                    ? (false, "federation.certificate_not_listed", $"This node's certificate is not listed for '{OrganisationId}' in configuration version {configuration.Version}.")
                    : state switch
                    {
                        FederationConfigurationState.Current => (true, "federation.current", $"Configuration version {configuration.Version} is current."),
                        FederationConfigurationState.Grace => (true, "federation.grace", $"Configuration version {configuration.Version} expired at {configuration.ExpiresAt:O}; federating in its grace period until {configuration.GraceEndsAt:O}."),
                        _ => (false, "federation.configuration_expired", $"Configuration version {configuration.Version} expired at {configuration.ExpiresAt:O} and its grace period ended at {configuration.GraceEndsAt:O}; federation traffic is stopped until a newer configuration is fetched."),
                    };
            var refresh = Volatile.Read(ref _refresh);
            status = new FederationStatus(usable, code, description, configuration.Version, configuration.ExpiresAt, configuration.GraceEndsAt, refresh.At, refresh.Error) { State = state };
        }

        Observe(status);
        return status;
    }

    /// <summary>Takes the configuration kept in the data directory, if any (verified again against the pinned key).</summary>
    public void LoadKept()
    {
        if (FederationConfigurationFile.Read(_directory) is not { } kept)
        {
            return;
        }

        var opened = FederationConfigurationNote.Open(kept, _trustedKey);
        if (!opened.IsSuccess)
        {
            FederationLog.Refused(_logger, Path.Combine(_directory, FederationConfigurationFile.FileName), opened.Errors[0].Code, opened.Errors[0].Message, 0);
            return;
        }

        Install(opened.Value, Encoding.UTF8.GetString(kept), "the kept copy", persist: false);
    }

    /// <summary>Fetches the configuration now and takes it if it is valid and newer; serialised with the periodic refresh.</summary>
    public async Task<FederationRefreshOutcome> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var outcome = await RefreshCoreAsync(cancellationToken);
            Status();
            return outcome;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _refreshing.Dispose();
        _source.Dispose();
    }

    /// <summary>Refreshes now and then every <see cref="FederationOptions.RefreshInterval"/> until stopped.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RefreshAsync(stoppingToken);
                await Task.Delay(_options.RefreshInterval, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<FederationRefreshOutcome> RefreshCoreAsync(CancellationToken cancellationToken)
    {
        var held = Current?.Configuration.Version ?? 0;
        var fetched = await _source.FetchAsync(cancellationToken);
        if (!fetched.IsSuccess)
        {
            return Fail(fetched.Errors[0], held);
        }

        var opened = FederationConfigurationNote.Open(fetched.Value, _trustedKey);
        if (!opened.IsSuccess)
        {
            return Fail(opened.Errors[0], held);
        }

        var configuration = opened.Value;
        if (configuration.IssuedAt > _time.GetUtcNow() + MaxClockSkew)
        {
            return Fail(Error.Validation("federation_configuration.from_the_future", $"The configuration was issued at {configuration.IssuedAt:O}, later than this node's clock allows; check the clocks."), held);
        }

        if (Current is { } current)
        {
            if (configuration.Version < current.Configuration.Version)
            {
                return Fail(Error.Validation("federation_configuration.older", $"The source serves version {configuration.Version}, older than version {current.Configuration.Version} held."), held);
            }

            if (configuration.Version == current.Configuration.Version)
            {
                if (FederationConfigurationJson.Format(configuration) != FederationConfigurationJson.Format(current.Configuration))
                {
                    FederationLog.Equivocation(_logger, configuration.Version, _source.Display);
                    return Fail(Error.Conflict("federation_configuration.equivocation", $"The source serves a different configuration under version {configuration.Version}."), held, log: false);
                }

                Volatile.Write(ref _refresh, new RefreshRecord(_time.GetUtcNow(), null));
                return FederationRefreshOutcome.Unchanged;
            }
        }

        Install(configuration, Encoding.UTF8.GetString(fetched.Value), _source.Display, persist: true);
        return FederationRefreshOutcome.Accepted;
    }

    private void Install(FederationConfiguration configuration, string note, string from, bool persist)
    {
        if (persist)
        {
            FederationConfigurationFile.Write(_directory, note);
            Volatile.Write(ref _refresh, new RefreshRecord(_time.GetUtcNow(), null));
        }

        var snapshot = new FederationSnapshot(configuration, new FederationTrust(configuration), note, configuration.FindMember(OrganisationId));
        // The previous snapshot's trust stays readable by requests still using it; it holds nothing to release early.
        Volatile.Write(ref _current, snapshot);
        FederationLog.Accepted(_logger, configuration.Version, configuration.Federation, from, configuration.Members.Count, configuration.ExpiresAt, configuration.GraceEndsAt);
    }

    private FederationRefreshOutcome Fail(Error error, long held, bool log = true)
    {
        Volatile.Write(ref _refresh, Volatile.Read(ref _refresh) with { Error = $"{error.Code}: {error.Message}" });
        if (log && error.Kind == ErrorKind.Unavailable)
        {
            FederationLog.Unreachable(_logger, _source.Display, error.Message, held);
        }
        else if (log)
        {
            FederationLog.Refused(_logger, _source.Display, error.Code, error.Message, held);
        }

        return error.Kind == ErrorKind.Unavailable ? FederationRefreshOutcome.Unreachable : FederationRefreshOutcome.Refused;
    }

    // One log line per change of standing, whoever notices it first (a request, a refresh, a health check).
    private void Observe(FederationStatus status)
    {
        // Nearly every call (one per federation request) sees no change; only a change takes the lock.
        if (status.Code == Volatile.Read(ref _lastObservedCode))
        {
            return;
        }

        lock (_observe)
        {
            if (status.Code == _lastObservedCode)
            {
                return;
            }

            var previous = _lastObservedCode;
            Volatile.Write(ref _lastObservedCode, status.Code);
            switch (status.Code)
            {
                case "federation.grace":
                    FederationLog.InGrace(_logger, status.Version, status.ExpiresAt!.Value, status.GraceEndsAt!.Value);
                    break;
                case "federation.configuration_expired":
                    FederationLog.Expired(_logger, status.Version, status.ExpiresAt!.Value, status.GraceEndsAt!.Value);
                    break;
                case "federation.not_a_member" or "federation.certificate_not_listed":
                    FederationLog.NotMember(_logger, OrganisationId, status.Version);
                    break;
                case "federation.current" when previous is not null:
                    FederationLog.Resumed(_logger, status.Version, status.ExpiresAt!.Value);
                    break;
            }
        }
    }

    // When the source last answered with an acceptable configuration, and why the last refresh failed; swapped whole.
    private sealed record RefreshRecord(DateTimeOffset? At, string? Error);
}

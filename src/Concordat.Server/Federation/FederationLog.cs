namespace Concordat.Server.Federation;

/// <summary>Federation log events. Organisations, versions, thumbprints and codes only: never tokens or payloads.</summary>
internal static partial class FederationLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Federation configuration version {Version} of {Federation} accepted from {Source}: {Members} members, expires {ExpiresAt:O}, grace until {GraceEndsAt:O}")]
    public static partial void Accepted(ILogger logger, long version, string federation, string source, int members, DateTimeOffset expiresAt, DateTimeOffset graceEndsAt);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Federation configuration from {Source} refused ({Code}): {Reason}; keeping version {Held}")]
    public static partial void Refused(ILogger logger, string source, string code, string reason, long held);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Federation configuration source {Source} unreachable: {Reason}; keeping version {Held}")]
    public static partial void Unreachable(ILogger logger, string source, string reason, long held);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Federation configuration version {Version} expired at {ExpiresAt:O}; federation continues in its grace period until {GraceEndsAt:O}")]
    public static partial void InGrace(ILogger logger, long version, DateTimeOffset expiresAt, DateTimeOffset graceEndsAt);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "Federation stopped: configuration version {Version} expired at {ExpiresAt:O} and its grace period ended at {GraceEndsAt:O}; no traffic to or from other nodes until a newer configuration is fetched. Local work continues.")]
    public static partial void Expired(ILogger logger, long version, DateTimeOffset expiresAt, DateTimeOffset graceEndsAt);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "Federation stopped: this node's organisation {Organisation} is not a member in configuration version {Version}")]
    public static partial void NotMember(ILogger logger, string organisation, long version);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Error, Message = "Federation configuration version {Version} from {Source} differs from the copy of that version already held; refused (the source is serving two configurations under one version)")]
    public static partial void Equivocation(ILogger logger, long version, string source);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Federation connection refused from {RemoteAddress}: {Code}")]
    public static partial void ConnectionRefused(ILogger logger, string remoteAddress, string code);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Warning, Message = "Federation request refused for {Organisation} on {Method} {Route}: {Code}")]
    public static partial void RequestRefused(ILogger logger, string organisation, string method, string route, string code);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Federation access token {TokenId} issued to {Organisation} bound to certificate {Thumbprint}")]
    public static partial void TokenIssued(ILogger logger, string tokenId, string organisation, string thumbprint);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Federation token request refused from {Organisation}: {Error} ({Reason})")]
    public static partial void TokenRefused(ILogger logger, string organisation, string error, string reason);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "Federation listener on {Endpoint} (mutual TLS), node certificate {Thumbprint} for {Organisation}")]
    public static partial void Listening(ILogger logger, string endpoint, string thumbprint, string organisation);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Warning, Message = "Call to federation member {Organisation} failed: {Code}")]
    public static partial void CallFailed(ILogger logger, string organisation, string code);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Information, Message = "Federation resumed: configuration version {Version} is current until {ExpiresAt:O}")]
    public static partial void Resumed(ILogger logger, long version, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 7050, Level = LogLevel.Information, Message = "Register of federation member {Organisation} accepted: {Entries} signed agreements")]
    public static partial void RegisterAccepted(ILogger logger, string organisation, int entries);

    [LoggerMessage(EventId = 7051, Level = LogLevel.Warning, Message = "Register of federation member {Organisation} refused ({Code}): {Reason}; keeping the last copy that verified")]
    public static partial void RegisterRefused(ILogger logger, string organisation, string code, string reason);
}

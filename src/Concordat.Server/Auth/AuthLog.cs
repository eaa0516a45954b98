namespace Concordat.Server.Auth;

/// <summary>Authentication log events. Never logs secrets, tokens or unverified input.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Issued access token {TokenId} to client {ClientId} of organisation {OrganisationId} with scope '{Scope}'")]
    public static partial void TokenIssued(ILogger logger, string tokenId, string clientId, string organisationId, string scope);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Token request refused: {Error} ({Reason}) from {RemoteAddress}")]
    public static partial void TokenRefused(ILogger logger, string error, string reason, string remoteAddress);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Token request refused for client {ClientId}: {Reason} from {RemoteAddress}")]
    public static partial void KnownClientRefused(ILogger logger, string clientId, string reason, string remoteAddress);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Bearer token rejected ({FailureType}) for {Method} {Route} from {RemoteAddress}")]
    public static partial void BearerRejected(ILogger logger, string failureType, string method, string route, string remoteAddress);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Access forbidden to client {ClientId} for {Method} {Route}")]
    public static partial void AccessForbidden(ILogger logger, string clientId, string method, string route);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Bearer token refused: client {ClientId} is disabled, unknown or no longer holds the token's organisation or roles, for {Method} {Route}")]
    public static partial void ClientNoLongerStands(ILogger logger, string clientId, string method, string route);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Generated a new token signing key {KeyId} in {Directory}")]
    public static partial void SigningKeyCreated(ILogger logger, string keyId, string directory);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "The token signing key file in {Directory} is readable by other users; restrict it to mode 600")]
    public static partial void SigningKeyExposed(ILogger logger, string directory);
}

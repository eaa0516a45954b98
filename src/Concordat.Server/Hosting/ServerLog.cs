namespace Concordat.Server.Hosting;

/// <summary>Host log events. Route templates, not paths, so identifiers in URLs stay out of the log.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Route}; traceId {TraceId}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string method, string route, string traceId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Bad request {Status} for {Method} {Route}: {Reason}; traceId {TraceId}")]
    public static partial void BadRequest(ILogger logger, int status, string method, string route, string reason, string traceId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Concordat data directory: {DataDirectory}; store: {Store}")]
    public static partial void DataDirectory(ILogger logger, string dataDirectory, string store);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Rate limit reached for {Partition} on {Method} {Route}")]
    public static partial void RateLimited(ILogger logger, string partition, string method, string route);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Concordat hub listening on {Addresses}. Get a token: curl -s -u <client_id>:<client_secret> -d grant_type=client_credentials {TokenUrl}")]
    public static partial void Listening(ILogger logger, string addresses, string tokenUrl);
}

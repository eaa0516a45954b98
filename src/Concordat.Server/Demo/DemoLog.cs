namespace Concordat.Server.Demo;

/// <summary>Demo seeding log events. The credentials file's path is logged; the secrets in it never are.</summary>
internal static partial class DemoLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Demo data seeded: {Organisations} organisations, {Datasets} datasets, {Clients} clients. Client secrets were written once to {CredentialsFile} (mode 600); the hub logs its token URL when it starts listening")]
    public static partial void Seeded(ILogger logger, int organisations, int datasets, int clients, string credentialsFile);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Demo data not seeded: the database already has organisations")]
    public static partial void Skipped(ILogger logger);
}

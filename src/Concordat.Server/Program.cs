using Concordat.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddApplicationDirectorySettings(builder.Environment.EnvironmentName);
builder.Logging.KeepRequestDetailsOutOfLogs();
builder.Services.AddConcordatServer();

var app = builder.Build();
await app.InitialiseConcordatAsync(CancellationToken.None);
app.UseConcordatPipeline();
app.MapConcordatEndpoints();
await app.RunAsync();

/// <summary>The hub's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;

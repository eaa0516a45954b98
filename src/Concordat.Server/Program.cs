using Concordat.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddApplicationDirectorySettings(builder.Environment.EnvironmentName);
builder.Logging.KeepRequestDetailsOutOfLogs();
// One setting chooses the store (--store, CONCORDAT_STORE, Concordat:Store); a bad one stops the hub with one line.
var store = ConcordatStoreSetting.Resolve(builder.Configuration);
if (!store.IsSuccess)
{
    Console.Error.WriteLine($"error: {store.Errors[0].Message}");
    return 2;
}

builder.Services.AddConcordatServer(store.Value);

var app = builder.Build();
await app.InitialiseConcordatAsync(CancellationToken.None);
app.UseConcordatPipeline();
app.MapConcordatEndpoints();
await app.RunAsync();
return 0;

/// <summary>The hub's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;

using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Citizen;

/// <summary>A hub with the demo provider on and the demo citizens' records seeded.</summary>
public sealed class CitizenHost : ConcordatHost
{
    public CitizenHost()
        : base(new Dictionary<string, string?> { ["Concordat:Citizen:SeedDemoRecords"] = "true" })
    {
    }
}

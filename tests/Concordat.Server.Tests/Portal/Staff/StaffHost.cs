using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Portal.Staff;

/// <summary>A hub with the demo provider serving citizens and staff, and the demo citizens' records seeded.</summary>
public sealed class StaffHost : ConcordatHost
{
    public StaffHost()
        : base(new Dictionary<string, string?> { ["Concordat:Citizen:SeedDemoRecords"] = "true" })
    {
    }
}

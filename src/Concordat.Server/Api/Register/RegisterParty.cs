namespace Concordat.Server.Api.Register;

/// <summary>An organisation on the register.</summary>
/// <param name="Id">Organisation id.</param>
/// <param name="Name">Organisation name.</param>
public sealed record RegisterParty(string Id, string Name);

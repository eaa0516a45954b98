namespace Concordat.Core.Catalogue;

/// <summary>What an API client may do within its organisation.</summary>
[Flags]
public enum ClientRole
{
    /// <summary>No role.</summary>
    None = 0,
    /// <summary>Runs the hub: registers organisations and clients.</summary>
    Admin = 1,
    /// <summary>Registers datasets, sources and ingests for its own organisation.</summary>
    Steward = 2,
    /// <summary>Reads the catalogue and asks for data under agreements.</summary>
    Consumer = 4,
    /// <summary>Data protection officer: approves the lawfulness of its organisation's agreements.</summary>
    Dpo = 8,
}

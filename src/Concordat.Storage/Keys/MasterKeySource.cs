namespace Concordat.Storage.Keys;

/// <summary>Where the hub's master key came from.</summary>
public enum MasterKeySource
{
    /// <summary>The <c>CONCORDAT_MASTER_KEY</c> environment variable.</summary>
    Environment,

    /// <summary>The <c>master.key</c> file in the keys directory.</summary>
    File,
}

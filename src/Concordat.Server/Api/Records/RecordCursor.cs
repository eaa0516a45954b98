using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Concordat.Server.Api.Records;

/// <summary>
/// The paging cursor of a record list: the last key of a page, encrypted and authenticated under the hub's data
/// protection keys and bound to the dataset, so a record key (often a NINO) never appears in a URL or a log, and a
/// cursor cannot be forged or moved to another dataset.
/// </summary>
internal sealed class RecordCursor
{
    private readonly IDataProtector _protector;

    public RecordCursor(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector("Concordat.Records.Cursor.v1");
    }

    /// <summary>The opaque cursor for "after <paramref name="key"/>" in <paramref name="datasetId"/>.</summary>
    public string Protect(string datasetId, string key) => _protector.Protect(datasetId + "\n" + key);

    /// <summary>The key a cursor stands for, or null when it is not a cursor this hub issued for this dataset.</summary>
    public string? Unprotect(string datasetId, string cursor)
    {
        try
        {
            var plain = _protector.Unprotect(cursor);
            var separator = plain.IndexOf('\n', StringComparison.Ordinal);
            return separator > 0 && string.Equals(plain[..separator], datasetId, StringComparison.Ordinal) ? plain[(separator + 1)..] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

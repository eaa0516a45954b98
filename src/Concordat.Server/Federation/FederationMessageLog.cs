using System.Text;
using Concordat.Core.Federation;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>
/// Keeps every signed exchange message this node sent or received, so the digests its audit entries record can later
/// be matched to messages whose signatures anyone can check. One file, <c>DATA/federation/messages.log</c>, one line per
/// exchange: <c>EXCHANGE-ID SP base64(signed request) SP base64(signed response)</c>, or <c>-</c> for a response not had.
/// The messages hold digests, ids and codes, never a body, so the file holds no personal data. Written and flushed to
/// disk before the audit entry that names the exchange. Thread safe.
/// </summary>
public sealed class FederationMessageLog
{
    private readonly string _path;
    private readonly Lock _gate = new();

    internal FederationMessageLog(IOptions<ConcordatOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _path = System.IO.Path.Combine(options.Value.DataDirectoryPath, "federation", "messages.log");
    }

    /// <summary>The file's path.</summary>
    public string Path => _path;

    /// <summary>Appends one exchange's messages and flushes them to disk.</summary>
    public void Append(string exchangeId, SignedExchangeMessage request, SignedExchangeMessage? response)
    {
        ArgumentNullException.ThrowIfNull(request);
        var line = exchangeId + " " + Convert.ToBase64String(Encoding.ASCII.GetBytes(request.Text)) + " "
            + (response is null ? "-" : Convert.ToBase64String(Encoding.ASCII.GetBytes(response.Text))) + "\n";
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
            using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(Encoding.ASCII.GetBytes(line));
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>The messages kept for an exchange, or null when none are.</summary>
    public (SignedExchangeMessage Request, SignedExchangeMessage? Response)? Find(string exchangeId)
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(_path))
        {
            var parts = line.Split(' ');
            if (parts.Length == 3 && parts[0] == exchangeId)
            {
                var request = SignedExchangeMessage.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(parts[1])), "request");
                if (!request.IsSuccess)
                {
                    continue;
                }

                if (parts[2] == "-")
                {
                    return (request.Value, null);
                }

                var response = SignedExchangeMessage.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(parts[2])), "response");
                return (request.Value, response.IsSuccess ? response.Value : null);
            }
        }

        return null;
    }
}

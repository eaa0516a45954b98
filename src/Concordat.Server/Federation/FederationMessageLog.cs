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
    // Group commit state, under _sync: lines queued for the next write, tickets handed out and made durable, whether a
    // write is in progress, and the ticket ranges whose write failed (rare; kept so each waiter learns of it).
    private readonly object _sync = new();
    private readonly List<(long From, long UpTo, Exception Failure)> _failures = [];
    private List<byte[]> _queued = [];
    private long _enqueued;
    private long _durable;
    private bool _writing;

    internal FederationMessageLog(IOptions<ConcordatOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _path = System.IO.Path.Combine(options.Value.DataDirectoryPath, "federation", "messages.log");
    }

    /// <summary>The file's path.</summary>
    public string Path => _path;

    /// <summary>
    /// Appends one exchange's messages and returns once they are flushed to disk. Concurrent appends share one write
    /// and one flush (group commit): the caller that finds no write in progress writes every line queued so far, the
    /// others wait for the write that holds theirs. A flush per exchange, serialised, capped a node's exchanges at the
    /// disk's flush rate.
    /// </summary>
    /// <exception cref="IOException">The write or flush holding this exchange's line failed.</exception>
    public void Append(string exchangeId, SignedExchangeMessage request, SignedExchangeMessage? response)
    {
        ArgumentNullException.ThrowIfNull(request);
        var line = Encoding.ASCII.GetBytes(exchangeId + " " + Convert.ToBase64String(Encoding.ASCII.GetBytes(request.Text)) + " "
            + (response is null ? "-" : Convert.ToBase64String(Encoding.ASCII.GetBytes(response.Text))) + "\n");
        lock (_sync)
        {
            _queued.Add(line);
            var ticket = ++_enqueued;
            while (_durable < ticket)
            {
                if (_writing)
                {
                    Monitor.Wait(_sync);
                    continue;
                }

                _writing = true;
                var batch = _queued;
                _queued = [];
                var (from, upTo) = (_durable + 1, _enqueued);
                Exception? failure = null;
                Monitor.Exit(_sync);
                try
                {
                    Write(batch);
                }
                catch (Exception ex)
                {
                    // Every waiter whose line was in this write learns of it below; none may believe it durable.
                    failure = ex;
                }
                finally
                {
                    Monitor.Enter(_sync);
                }

                _writing = false;
                _durable = upTo;
                if (failure is not null)
                {
                    _failures.Add((from, upTo, failure));
                    if (_failures.Count > 1024)
                    {
                        _failures.RemoveAt(0);
                    }
                }

                Monitor.PulseAll(_sync);
            }

            foreach (var (from, upTo, failure) in _failures)
            {
                if (ticket >= from && ticket <= upTo)
                {
                    throw new IOException("The federation message log could not be written.", failure);
                }
            }
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

    private void Write(List<byte[]> lines)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
        using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
        foreach (var line in lines)
        {
            file.Write(line);
        }

        file.Flush(flushToDisk: true);
    }
}

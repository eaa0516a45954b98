using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Concordat.Core.Keys;
using Concordat.Storage.Keys;

namespace Concordat.Cli.Commands;

/// <summary>Reading and writing the files the federation commands take and make.</summary>
internal static class FederationFiles
{
    public const string AuthorityCertificate = "ca.crt";
    public const string TrustedKey = "signing.vkey";

    /// <summary>The master key of the data directory (or CONCORDAT_MASTER_KEY), which seals keys.</summary>
    public static KeySealer Sealer(string dataDirectory) => MasterKeyFile.LoadOrCreate(Path.Combine(dataDirectory, "keys")).Sealer;

    public static X509Certificate2 LoadCertificate(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"The certificate file {path} does not exist.");
        }

        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (CryptographicException)
        {
            throw new CliInputException($"{path} is not a PEM certificate.");
        }
    }

    public static string ReadText(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new CliInputException($"The file {path} does not exist.");

    public static TimeSpan Duration(string text, string option)
    {
        try
        {
            var value = XmlConvert.ToTimeSpan(text);
            return value > TimeSpan.Zero ? value : throw new CliInputException($"{option} must be a positive ISO 8601 duration such as P7D or PT12H.");
        }
        catch (FormatException)
        {
            throw new CliInputException($"{option} must be an ISO 8601 duration such as P7D or PT12H, not '{text}'.");
        }
    }

    /// <summary>Writes a new file that anyone may read (certificates, public keys, configurations); refuses to overwrite unless asked.</summary>
    public static void WritePublic(string path, string contents, bool overwrite = false)
    {
        if (!overwrite && File.Exists(path))
        {
            throw new CliInputException($"{path} already exists.");
        }

        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, contents);
    }
}

namespace Concordat.Cli.Commands;

/// <summary>Bad input found while a command runs (a store setting that does not parse): one line, exit code 2.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException()
    {
    }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using System.CommandLine;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat federation ...</c>: run a federation (operator) or join one (a department's node). See docs/federation.md.</summary>
internal static class FederationCommand
{
    public static Command Create() => new("federation", "Run a federation of Concordat nodes, or join one.")
    {
        FederationOperatorCommands.Init(),
        FederationOperatorCommands.Issue(),
        FederationMemberCommands.Member(),
        FederationMemberCommands.Revoke(),
        FederationOperatorCommands.Policy(),
        FederationOperatorCommands.Publish(),
        FederationOperatorCommands.Show(),
        FederationNodeCommands.Request(),
        FederationNodeCommands.Info(),
        FederationNodeCommands.Install(),
        FederationWitnessCommands.Report(),
    };
}

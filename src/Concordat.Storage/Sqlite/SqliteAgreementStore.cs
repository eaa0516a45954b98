using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Governance;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Agreements and their append-only history in the embedded SQLite database.</summary>
public sealed class SqliteAgreementStore : IAgreementStore
{
    private const string Columns =
        "id, version, revision, status, terms_json, approvals_json, drafted_by, submitted_by, status_reason, pseudonym_key_id, created_at, updated_at, last_approved_version";

    private const string SelectById = $"SELECT {Columns} FROM agreements WHERE id = $id";
    private const int MaxParsed = 1024;

    private readonly SqliteDatabase _database;

    // Parsed agreements by id with the revision and update time they were parsed at. Every read still fetches the row, so
    // a change made by any process (the CLI included) is seen at once; only an unchanged row skips the JSON parse, which
    // measured about a tenth of an exchange look-up. Every save raises the revision, so a stale hit cannot happen.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Revision, string UpdatedAt, Agreement Agreement)> _parsed = new(StringComparer.Ordinal);

    /// <summary>Creates the store over a migrated database.</summary>
    public SqliteAgreementStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task<Result<Agreement>> CreateAsync(AgreementTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var agreement = transition.Agreement;
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT INTO agreements ({Columns}, provider_organisation_id, consumer_organisation_id, start_date, end_date)
                VALUES ($id, $version, $revision, $status, $terms, $approvals, $drafted, $submitted, $reason, $key, $created, $updated, $approved, $provider, $consumer, $start, $end)
                """;
            Bind(command, agreement);
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
            {
                return Task.FromResult<Result<Agreement>>(Error.Conflict("agreement.exists", $"An agreement with id '{agreement.Id}' already exists."));
            }
            catch (SqliteException ex) when (SqliteErrors.IsForeignKeyViolation(ex))
            {
                return Task.FromResult<Result<Agreement>>(Error.NotFound("organisation.not_found", "The provider or consumer organisation does not exist."));
            }
        }

        AppendHistory(connection, transaction, transition);
        transaction.Commit();
        return Task.FromResult<Result<Agreement>>(agreement);
    }

    /// <inheritdoc />
    public Task<Result<Agreement>> SaveAsync(AgreementTransition transition, int expectedRevision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var agreement = transition.Agreement;
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE agreements SET version = $version, revision = $revision, status = $status, terms_json = $terms, approvals_json = $approvals,
                    drafted_by = $drafted, submitted_by = $submitted, status_reason = $reason, pseudonym_key_id = $key, updated_at = $updated, last_approved_version = $approved,
                    start_date = $start, end_date = $end
                WHERE id = $id AND revision = $expected AND provider_organisation_id = $provider AND consumer_organisation_id = $consumer
                """;
            Bind(command, agreement);
            command.Parameters.AddWithValue("$expected", expectedRevision);
            if (command.ExecuteNonQuery() == 0)
            {
                return Task.FromResult<Result<Agreement>>(Error.Conflict("agreement.changed", $"Agreement '{agreement.Id}' was changed by someone else; reload it and try again."));
            }
        }

        AppendHistory(connection, transaction, transition);
        transaction.Commit();
        return Task.FromResult<Result<Agreement>>(agreement);
    }

    /// <inheritdoc />
    public Task<Agreement?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Borrow();
        var command = connection.Command(SelectById);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return Task.FromResult<Agreement?>(null);
        }

        var revision = reader.GetInt32(2);
        var updatedAt = reader.GetString(11);
        if (_parsed.TryGetValue(id, out var hit) && hit.Revision == revision && string.Equals(hit.UpdatedAt, updatedAt, StringComparison.Ordinal))
        {
            return Task.FromResult<Agreement?>(hit.Agreement);
        }

        var agreement = Read(reader);
        if (_parsed.Count >= MaxParsed)
        {
            _parsed.Clear();
        }

        _parsed[id] = (revision, updatedAt, agreement);
        return Task.FromResult<Agreement?>(agreement);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Agreement>> ListAsync(string? organisationId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM agreements
            WHERE $org IS NULL OR provider_organisation_id = $org OR consumer_organisation_id = $org
            ORDER BY id
            """;
        command.Parameters.AddWithValue("$org", (object?)organisationId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var list = new List<Agreement>();
        while (reader.Read())
        {
            list.Add(Read(reader));
        }

        return Task.FromResult<IReadOnlyList<Agreement>>(list);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AgreementChange>> HistoryAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT agreement_id, revision, version, action, actor_client_id, actor_org_id, at, reason, status_after, approval_role
            FROM agreement_history WHERE agreement_id = $id ORDER BY revision
            """;
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var list = new List<AgreementChange>();
        while (reader.Read())
        {
            list.Add(new AgreementChange(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetInt32(2),
                Enum.Parse<AgreementAction>(reader.GetString(3)),
                reader.GetString(4),
                reader.GetString(5),
                SqliteText.ToTime(reader.GetString(6)),
                reader.GetString(7),
                Enum.Parse<AgreementStatus>(reader.GetString(8)))
            {
                ApprovalRole = reader.IsDBNull(9) ? null : Enum.Parse<ApprovalRole>(reader.GetString(9)),
            });
        }

        return Task.FromResult<IReadOnlyList<AgreementChange>>(list);
    }

    /// <inheritdoc />
    public Task<AgreementTerms?> GetVersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT terms_json FROM agreement_history WHERE agreement_id = $id AND version = $version ORDER BY revision DESC LIMIT 1";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$version", version);
        var json = command.ExecuteScalar() as string;
        return Task.FromResult(json is null ? null : JsonSerializer.Deserialize<AgreementTerms>(json, ConcordatJson.Options));
    }

    private static void AppendHistory(SqliteConnection connection, SqliteTransaction transaction, AgreementTransition transition)
    {
        var change = transition.Change;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO agreement_history (agreement_id, revision, version, action, actor_client_id, actor_org_id, at, reason, status_after, approval_role, terms_json)
            VALUES ($id, $revision, $version, $action, $actor, $org, $at, $reason, $status, $role, $terms)
            """;
        command.Parameters.AddWithValue("$id", change.AgreementId);
        command.Parameters.AddWithValue("$revision", change.Revision);
        command.Parameters.AddWithValue("$version", change.Version);
        command.Parameters.AddWithValue("$action", change.Action.ToString());
        command.Parameters.AddWithValue("$actor", change.ActorClientId);
        command.Parameters.AddWithValue("$org", change.ActorOrganisationId);
        command.Parameters.AddWithValue("$at", SqliteText.FromTime(change.At));
        command.Parameters.AddWithValue("$reason", change.Reason);
        command.Parameters.AddWithValue("$status", change.StatusAfter.ToString());
        command.Parameters.AddWithValue("$role", (object?)change.ApprovalRole?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$terms", JsonSerializer.Serialize(transition.Agreement.Terms, ConcordatJson.Options));
        command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, Agreement agreement)
    {
        command.Parameters.AddWithValue("$id", agreement.Id);
        command.Parameters.AddWithValue("$version", agreement.Version);
        command.Parameters.AddWithValue("$revision", agreement.Revision);
        command.Parameters.AddWithValue("$status", agreement.Status.ToString());
        command.Parameters.AddWithValue("$terms", JsonSerializer.Serialize(agreement.Terms, ConcordatJson.Options));
        command.Parameters.AddWithValue("$approvals", JsonSerializer.Serialize(agreement.Approvals, ConcordatJson.Options));
        command.Parameters.AddWithValue("$drafted", agreement.DraftedBy);
        command.Parameters.AddWithValue("$submitted", (object?)agreement.SubmittedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", (object?)agreement.StatusReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$key", (object?)agreement.PseudonymKeyId ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", SqliteText.FromTime(agreement.CreatedAt));
        command.Parameters.AddWithValue("$updated", SqliteText.FromTime(agreement.UpdatedAt));
        command.Parameters.AddWithValue("$approved", (object?)agreement.LastApprovedVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$provider", agreement.Terms.ProviderOrganisationId);
        command.Parameters.AddWithValue("$consumer", agreement.Terms.ConsumerOrganisationId);
        command.Parameters.AddWithValue("$start", agreement.Terms.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$end", agreement.Terms.EndDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Agreement Read(SqliteDataReader reader) =>
        new(reader.GetString(0),
            reader.GetInt32(1),
            JsonSerializer.Deserialize<AgreementTerms>(reader.GetString(4), ConcordatJson.Options)!,
            Enum.Parse<AgreementStatus>(reader.GetString(3)))
        {
            Revision = reader.GetInt32(2),
            Approvals = JsonSerializer.Deserialize<List<AgreementApproval>>(reader.GetString(5), ConcordatJson.Options)!,
            DraftedBy = reader.GetString(6),
            SubmittedBy = reader.IsDBNull(7) ? null : reader.GetString(7),
            StatusReason = reader.IsDBNull(8) ? null : reader.GetString(8),
            PseudonymKeyId = reader.IsDBNull(9) ? null : reader.GetString(9),
            CreatedAt = SqliteText.ToTime(reader.GetString(10)),
            UpdatedAt = SqliteText.ToTime(reader.GetString(11)),
            LastApprovedVersion = reader.IsDBNull(12) ? null : reader.GetInt32(12),
        };
}

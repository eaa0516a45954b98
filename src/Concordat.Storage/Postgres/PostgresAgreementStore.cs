using System.Collections.Concurrent;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Governance;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>Agreements and their append-only history in PostgreSQL.</summary>
public sealed class PostgresAgreementStore : IAgreementStore
{
    private const string Columns =
        "id, version, revision, status, terms_json, approvals_json, drafted_by, submitted_by, status_reason, pseudonym_key_id, created_at, updated_at, last_approved_version";

    private const int MaxParsed = 1024;
    private readonly PostgresDatabase _database;

    // Parsed agreements by id with the revision and update time they were parsed at. Every read still fetches the row, so
    // a change made through any node is seen on the next request; only an unchanged row skips the JSON parse.
    private readonly ConcurrentDictionary<string, (int Revision, DateTimeOffset UpdatedAt, Agreement Agreement)> _parsed = new(StringComparer.Ordinal);

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresAgreementStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<Result<Agreement>> CreateAsync(AgreementTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var agreement = transition.Agreement;
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(
            $"""
            INSERT INTO agreements ({Columns}, provider_organisation_id, consumer_organisation_id, start_date, end_date)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            """,
            connection,
            transaction))
        {
            Bind(command, agreement);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (PostgresErrors.IsUniqueViolation(ex))
            {
                return Error.Conflict("agreement.exists", $"An agreement with id '{agreement.Id}' already exists.");
            }
            catch (PostgresException ex) when (PostgresErrors.IsForeignKeyViolation(ex))
            {
                return Error.NotFound("organisation.not_found", "The provider or consumer organisation does not exist.");
            }
        }

        await AppendHistoryAsync(connection, transaction, transition, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return agreement;
    }

    /// <inheritdoc />
    public async Task<Result<Agreement>> SaveAsync(AgreementTransition transition, int expectedRevision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var agreement = transition.Agreement;
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(
            """
            UPDATE agreements SET version = $2, revision = $3, status = $4, terms_json = $5, approvals_json = $6,
                drafted_by = $7, submitted_by = $8, status_reason = $9, pseudonym_key_id = $10, updated_at = $12, last_approved_version = $13,
                start_date = $16, end_date = $17
            WHERE id = $1 AND revision = $18 AND provider_organisation_id = $14 AND consumer_organisation_id = $15
            """,
            connection,
            transaction))
        {
            // Every parameter is typed, so $11 (created_at, which never changes) may go unused.
            Bind(command, agreement);
            command.Parameters.Add(Pg.Int(expectedRevision));
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return Error.Conflict("agreement.changed", $"Agreement '{agreement.Id}' was changed by someone else; reload it and try again.");
            }
        }

        await AppendHistoryAsync(connection, transaction, transition, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return agreement;
    }

    /// <inheritdoc />
    public async Task<Agreement?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM agreements WHERE id = $1", connection);
        command.Parameters.Add(Pg.Text(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var revision = reader.GetInt32(2);
        var updatedAt = Pg.ReadTime(reader, 11);
        if (_parsed.TryGetValue(id, out var hit) && hit.Revision == revision && hit.UpdatedAt == updatedAt)
        {
            return hit.Agreement;
        }

        var agreement = Read(reader);
        if (_parsed.Count >= MaxParsed)
        {
            _parsed.Clear();
        }

        _parsed[id] = (revision, updatedAt, agreement);
        return agreement;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Agreement>> ListAsync(string? organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            organisationId is null
                ? $"SELECT {Columns} FROM agreements ORDER BY id"
                : $"SELECT {Columns} FROM agreements WHERE provider_organisation_id = $1 OR consumer_organisation_id = $1 ORDER BY id",
            connection);
        if (organisationId is not null)
        {
            command.Parameters.Add(Pg.Text(organisationId));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Agreement>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AgreementChange>> HistoryAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT agreement_id, revision, version, action, actor_client_id, actor_org_id, at, reason, status_after, approval_role
            FROM agreement_history WHERE agreement_id = $1 ORDER BY revision
            """,
            connection);
        command.Parameters.Add(Pg.Text(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<AgreementChange>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new AgreementChange(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetInt32(2),
                Enum.Parse<AgreementAction>(reader.GetString(3)),
                reader.GetString(4),
                reader.GetString(5),
                Pg.ReadTime(reader, 6),
                reader.GetString(7),
                Enum.Parse<AgreementStatus>(reader.GetString(8)))
            {
                ApprovalRole = reader.IsDBNull(9) ? null : Enum.Parse<ApprovalRole>(reader.GetString(9)),
            });
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<AgreementTerms?> GetVersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT terms_json FROM agreement_history WHERE agreement_id = $1 AND version = $2 ORDER BY revision DESC LIMIT 1", connection);
        command.Parameters.Add(Pg.Text(id));
        command.Parameters.Add(Pg.Int(version));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize<AgreementTerms>(json, ConcordatJson.Options)
            : null;
    }

    private static async Task AppendHistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AgreementTransition transition, CancellationToken cancellationToken)
    {
        var change = transition.Change;
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO agreement_history (agreement_id, revision, version, action, actor_client_id, actor_org_id, at, reason, status_after, approval_role, terms_json)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """,
            connection,
            transaction);
        command.Parameters.Add(Pg.Text(change.AgreementId));
        command.Parameters.Add(Pg.Int(change.Revision));
        command.Parameters.Add(Pg.Int(change.Version));
        command.Parameters.Add(Pg.Text(change.Action.ToString()));
        command.Parameters.Add(Pg.Text(change.ActorClientId));
        command.Parameters.Add(Pg.Text(change.ActorOrganisationId));
        command.Parameters.Add(Pg.Time(change.At));
        command.Parameters.Add(Pg.Text(change.Reason));
        command.Parameters.Add(Pg.Text(change.StatusAfter.ToString()));
        command.Parameters.Add(Pg.Text(change.ApprovalRole?.ToString()));
        command.Parameters.Add(Pg.Text(JsonSerializer.Serialize(transition.Agreement.Terms, ConcordatJson.Options)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Positions: $1 id .. $13 last_approved_version in Columns order, then $14 provider, $15 consumer, $16 start, $17 end.
    private static void Bind(NpgsqlCommand command, Agreement agreement)
    {
        command.Parameters.Add(Pg.Text(agreement.Id));
        command.Parameters.Add(Pg.Int(agreement.Version));
        command.Parameters.Add(Pg.Int(agreement.Revision));
        command.Parameters.Add(Pg.Text(agreement.Status.ToString()));
        command.Parameters.Add(Pg.Text(JsonSerializer.Serialize(agreement.Terms, ConcordatJson.Options)));
        command.Parameters.Add(Pg.Text(JsonSerializer.Serialize(agreement.Approvals, ConcordatJson.Options)));
        command.Parameters.Add(Pg.Text(agreement.DraftedBy));
        command.Parameters.Add(Pg.Text(agreement.SubmittedBy));
        command.Parameters.Add(Pg.Text(agreement.StatusReason));
        command.Parameters.Add(Pg.Text(agreement.PseudonymKeyId));
        command.Parameters.Add(Pg.Time(agreement.CreatedAt));
        command.Parameters.Add(Pg.Time(agreement.UpdatedAt));
        command.Parameters.Add(Pg.Int(agreement.LastApprovedVersion));
        command.Parameters.Add(Pg.Text(agreement.Terms.ProviderOrganisationId));
        command.Parameters.Add(Pg.Text(agreement.Terms.ConsumerOrganisationId));
        command.Parameters.Add(Pg.Date(agreement.Terms.StartDate));
        command.Parameters.Add(Pg.Date(agreement.Terms.EndDate));
    }

    private static Agreement Read(NpgsqlDataReader reader) =>
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
            CreatedAt = Pg.ReadTime(reader, 10),
            UpdatedAt = Pg.ReadTime(reader, 11),
            LastApprovedVersion = reader.IsDBNull(12) ? null : reader.GetInt32(12),
        };
}

#include "schema.h"

#include <array>

namespace faultline::store {

namespace {

// Schema v1. Conventions: times are UTC epoch milliseconds (INTEGER), durations milliseconds,
// flags 0/1, lists JSON text. Every entity has a natural key (UNIQUE) so imports upsert with
// ON CONFLICT and re-importing the same export adds nothing.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE workspace_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE imports (
    id               INTEGER PRIMARY KEY,
    path             TEXT NOT NULL,
    format           TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    started_at       INTEGER NOT NULL,
    duration_ms      INTEGER NOT NULL,
    rows_inserted    INTEGER NOT NULL DEFAULT 0,
    row_counts       TEXT NOT NULL DEFAULT '{}',
    warning_count    INTEGER NOT NULL DEFAULT 0,
    import_count     INTEGER NOT NULL DEFAULT 1,
    last_imported_at INTEGER NOT NULL,
    app_version      TEXT NOT NULL,
    UNIQUE (format, sha256)
);

CREATE TABLE import_warnings (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    file      TEXT NOT NULL,
    line      INTEGER,
    location  TEXT,
    detail    TEXT NOT NULL
);
CREATE INDEX import_warnings_import ON import_warnings(import_id);

CREATE TABLE repos (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    location          TEXT NOT NULL UNIQUE,
    head_ref          TEXT,
    head_sha          TEXT,
    first_parent_only INTEGER NOT NULL DEFAULT 0,
    imported_at       INTEGER
);

CREATE TABLE commits (
    id                   INTEGER PRIMARY KEY,
    repo_id              INTEGER NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    sha                  TEXT NOT NULL,
    author_name          TEXT NOT NULL,
    author_email         TEXT NOT NULL,
    authored_at          INTEGER NOT NULL,
    author_offset_min    INTEGER NOT NULL DEFAULT 0,
    committer_name       TEXT NOT NULL,
    committer_email      TEXT NOT NULL,
    committed_at         INTEGER NOT NULL,
    committer_offset_min INTEGER NOT NULL DEFAULT 0,
    subject              TEXT NOT NULL,
    message              TEXT NOT NULL,
    trailers             TEXT NOT NULL DEFAULT '[]',
    is_merge             INTEGER NOT NULL DEFAULT 0,
    added_lines          INTEGER NOT NULL DEFAULT 0,
    deleted_lines        INTEGER NOT NULL DEFAULT 0,
    ai_tool              TEXT,
    ai_rule              TEXT,
    ai_field             TEXT,
    ai_evidence          TEXT,
    ai_share             REAL NOT NULL DEFAULT 0,
    ai_lines             INTEGER NOT NULL DEFAULT 0,
    UNIQUE (repo_id, sha)
);
CREATE INDEX commits_sha ON commits(sha);
CREATE INDEX commits_authored ON commits(repo_id, authored_at);

CREATE TABLE commit_parents (
    commit_id  INTEGER NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    parent_sha TEXT NOT NULL,
    PRIMARY KEY (commit_id, position)
) WITHOUT ROWID;
CREATE INDEX commit_parents_parent ON commit_parents(parent_sha);

CREATE TABLE commit_files (
    commit_id INTEGER NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    path      TEXT NOT NULL,
    old_path  TEXT,
    change    TEXT NOT NULL CHECK (change IN ('A', 'M', 'D', 'R', 'C', 'T')),
    added     INTEGER NOT NULL DEFAULT 0,
    deleted   INTEGER NOT NULL DEFAULT 0,
    is_binary INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (commit_id, path)
) WITHOUT ROWID;

CREATE TABLE line_spans (
    repo_id          INTEGER NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    path             TEXT NOT NULL,
    first_line       INTEGER NOT NULL,
    line_count       INTEGER NOT NULL CHECK (line_count > 0),
    origin_commit_id INTEGER NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    PRIMARY KEY (repo_id, path, first_line)
) WITHOUT ROWID;
CREATE INDEX line_spans_origin ON line_spans(origin_commit_id);

CREATE TABLE churn (
    id                 INTEGER PRIMARY KEY,
    repo_id            INTEGER NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    path               TEXT NOT NULL,
    origin_commit_id   INTEGER NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    removing_commit_id INTEGER NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    lines              INTEGER NOT NULL CHECK (lines > 0),
    age_ms             INTEGER NOT NULL,
    UNIQUE (origin_commit_id, removing_commit_id, path)
);
CREATE INDEX churn_removing ON churn(removing_commit_id);

CREATE TABLE pull_requests (
    id               INTEGER PRIMARY KEY,
    provider         TEXT NOT NULL,
    project          TEXT NOT NULL DEFAULT '',
    number           INTEGER NOT NULL,
    title            TEXT NOT NULL DEFAULT '',
    author           TEXT,
    state            TEXT,
    is_draft         INTEGER NOT NULL DEFAULT 0,
    is_bot           INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER,
    merged_at        INTEGER,
    closed_at        INTEGER,
    head_ref         TEXT,
    head_sha         TEXT,
    base_ref         TEXT,
    merge_commit_sha TEXT,
    additions        INTEGER,
    deletions        INTEGER,
    labels           TEXT NOT NULL DEFAULT '[]',
    url              TEXT,
    UNIQUE (provider, project, number)
);
CREATE INDEX pull_requests_merge_commit ON pull_requests(merge_commit_sha);
CREATE INDEX pull_requests_head ON pull_requests(head_sha);

CREATE TABLE pr_commits (
    pr_id        INTEGER NOT NULL REFERENCES pull_requests(id) ON DELETE CASCADE,
    sha          TEXT NOT NULL,
    authored_at  INTEGER,
    committed_at INTEGER,
    PRIMARY KEY (pr_id, sha)
) WITHOUT ROWID;
CREATE INDEX pr_commits_sha ON pr_commits(sha);

CREATE TABLE pr_reviews (
    pr_id        INTEGER NOT NULL REFERENCES pull_requests(id) ON DELETE CASCADE,
    review_key   TEXT NOT NULL,
    author       TEXT,
    state        TEXT,
    submitted_at INTEGER,
    PRIMARY KEY (pr_id, review_key)
) WITHOUT ROWID;

CREATE TABLE fingerprints (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('incident', 'ci')),
    service    TEXT NOT NULL DEFAULT '',
    normalized TEXT NOT NULL,
    UNIQUE (kind, service, normalized)
);

CREATE TABLE pipeline_runs (
    id          INTEGER PRIMARY KEY,
    provider    TEXT NOT NULL,
    project     TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL,
    attempt     INTEGER NOT NULL DEFAULT 1,
    workflow    TEXT,
    name        TEXT,
    event       TEXT,
    status      TEXT,
    conclusion  TEXT,
    head_sha    TEXT,
    head_branch TEXT,
    pr_number   INTEGER,
    created_at  INTEGER,
    started_at  INTEGER,
    finished_at INTEGER,
    duration_ms INTEGER,
    queued_ms   INTEGER,
    url         TEXT,
    UNIQUE (provider, project, external_id, attempt)
);
CREATE INDEX pipeline_runs_head ON pipeline_runs(head_sha);
CREATE INDEX pipeline_runs_started ON pipeline_runs(started_at);

CREATE TABLE jobs (
    id             INTEGER PRIMARY KEY,
    run_id         INTEGER NOT NULL REFERENCES pipeline_runs(id) ON DELETE CASCADE,
    external_id    TEXT NOT NULL,
    name           TEXT NOT NULL,
    stage_raw      TEXT,
    stage          TEXT NOT NULL DEFAULT 'other',
    status         TEXT,
    conclusion     TEXT,
    created_at     INTEGER,
    started_at     INTEGER,
    finished_at    INTEGER,
    duration_ms    INTEGER,
    queued_ms      INTEGER,
    runner         TEXT,
    runner_labels  TEXT,
    attempt        INTEGER NOT NULL DEFAULT 1,
    is_retried     INTEGER NOT NULL DEFAULT 0,
    allow_failure  INTEGER NOT NULL DEFAULT 0,
    error_line     TEXT,
    fingerprint_id INTEGER REFERENCES fingerprints(id),
    UNIQUE (run_id, external_id)
);
CREATE INDEX jobs_stage ON jobs(stage, started_at);

CREATE TABLE steps (
    id             INTEGER PRIMARY KEY,
    job_id         INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    number         INTEGER NOT NULL,
    name           TEXT NOT NULL,
    stage          TEXT NOT NULL DEFAULT 'other',
    status         TEXT,
    conclusion     TEXT,
    started_at     INTEGER,
    finished_at    INTEGER,
    duration_ms    INTEGER,
    cache          TEXT CHECK (cache IN ('hit', 'miss')),
    error_line     TEXT,
    fingerprint_id INTEGER REFERENCES fingerprints(id),
    UNIQUE (job_id, number)
);

CREATE TABLE test_cases (
    id          INTEGER PRIMARY KEY,
    report_key  TEXT NOT NULL,
    run_id      INTEGER REFERENCES pipeline_runs(id) ON DELETE SET NULL,
    commit_sha  TEXT,
    suite       TEXT NOT NULL DEFAULT '',
    classname   TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL,
    file        TEXT,
    outcome     TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'error', 'skipped', 'flaky')),
    duration_ms INTEGER,
    started_at  INTEGER,
    message     TEXT,
    UNIQUE (report_key, suite, classname, name)
);
CREATE INDEX test_cases_commit ON test_cases(commit_sha, classname, name);

CREATE TABLE deployments (
    id            INTEGER PRIMARY KEY,
    provider      TEXT NOT NULL,
    external_id   TEXT NOT NULL,
    service       TEXT NOT NULL,
    environment   TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    INTEGER,
    started_at    INTEGER,
    finished_at   INTEGER,
    commit_sha    TEXT,
    ref           TEXT,
    url           TEXT,
    repo_id       INTEGER REFERENCES repos(id) ON DELETE SET NULL,
    is_production INTEGER NOT NULL DEFAULT 0,
    is_rollback   INTEGER NOT NULL DEFAULT 0,
    is_unplanned  INTEGER NOT NULL DEFAULT 0,
    commits_known INTEGER NOT NULL DEFAULT 0,
    ai_share      REAL,
    UNIQUE (provider, external_id)
);
CREATE INDEX deployments_service ON deployments(service, environment, finished_at);
CREATE INDEX deployments_sha ON deployments(commit_sha);

CREATE TABLE deployment_commits (
    deployment_id INTEGER NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
    commit_id     INTEGER NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    PRIMARY KEY (deployment_id, commit_id)
) WITHOUT ROWID;
CREATE INDEX deployment_commits_commit ON deployment_commits(commit_id);

CREATE TABLE incidents (
    id                   INTEGER PRIMARY KEY,
    provider             TEXT NOT NULL,
    external_id          TEXT NOT NULL,
    title                TEXT NOT NULL,
    service              TEXT,
    environment          TEXT,
    severity             TEXT,
    status               TEXT,
    created_at           INTEGER NOT NULL,
    acknowledged_at      INTEGER,
    resolved_at          INTEGER,
    url                  TEXT,
    caused_by_deployment TEXT,
    caused_by_commit_sha TEXT,
    fingerprint_id       INTEGER REFERENCES fingerprints(id),
    UNIQUE (provider, external_id)
);
CREATE INDEX incidents_service ON incidents(service, created_at);

CREATE TABLE links (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    from_type TEXT NOT NULL,
    from_id   INTEGER NOT NULL,
    to_type   TEXT NOT NULL,
    to_id     INTEGER NOT NULL,
    reason    TEXT NOT NULL,
    detail    TEXT,
    UNIQUE (kind, from_type, from_id, to_type, to_id)
);
CREATE INDEX links_to ON links(to_type, to_id);
)sql";

// Schema v2: what the CI importers need beyond v1. `updated_at` is the source's own last-change time
// of a run or job, so that re-importing an older export never overwrites a newer state;
// `attempt_group` names runs that are attempts of one another when the source has no attempt counter
// (CircleCI: a re-run is a new workflow in the same pipeline); `flaky` marks a test result that both
// failed and passed on one commit (in one report's re-runs, or across reports).
constexpr std::string_view kSchemaV2 = R"sql(
ALTER TABLE pipeline_runs ADD COLUMN run_number INTEGER;
ALTER TABLE pipeline_runs ADD COLUMN updated_at INTEGER;
ALTER TABLE pipeline_runs ADD COLUMN attempt_group TEXT;
CREATE INDEX pipeline_runs_attempt_group ON pipeline_runs(provider, project, attempt_group)
    WHERE attempt_group IS NOT NULL;
-- Logs, stages and reports name a run by its id alone, without the project.
CREATE INDEX pipeline_runs_external ON pipeline_runs(provider, external_id);

ALTER TABLE jobs ADD COLUMN updated_at INTEGER;
ALTER TABLE jobs ADD COLUMN failure_reason TEXT;
ALTER TABLE jobs ADD COLUMN error_step TEXT;
ALTER TABLE jobs ADD COLUMN cache TEXT CHECK (cache IN ('hit', 'miss'));
CREATE INDEX jobs_started ON jobs(started_at);

ALTER TABLE test_cases ADD COLUMN flaky INTEGER NOT NULL DEFAULT 0;
)sql";

// Schema v3: deploy history, incidents, pull requests and the links between them (issue 5).
// - A deployment's outcome comes from its statuses where the source has them (GitHub), kept in
//   deployment_statuses so that statuses exported in several files or pages combine.
// - deployment_changes replaces v1's deployment_commits (never written): a changeset row may be a
//   commit of an imported repository or a pull request's own commit that is not in any history
//   (squash merges), and every row says why it belongs to the changeset.
// - Every link row (links) and every changeset row records the reason it was made.
constexpr std::string_view kSchemaV3 = R"sql(
ALTER TABLE deployments ADD COLUMN status_raw TEXT;
ALTER TABLE deployments ADD COLUMN updated_at INTEGER;
ALTER TABLE deployments ADD COLUMN description TEXT;
ALTER TABLE deployments ADD COLUMN creator TEXT;
ALTER TABLE deployments ADD COLUMN repository TEXT;
ALTER TABLE deployments ADD COLUMN rollback_target TEXT;
ALTER TABLE deployments ADD COLUMN previous_id INTEGER REFERENCES deployments(id) ON DELETE SET NULL;
ALTER TABLE deployments ADD COLUMN changeset_size INTEGER;
ALTER TABLE deployments ADD COLUMN changeset_note TEXT;
CREATE INDEX deployments_finished ON deployments(finished_at);

CREATE TABLE deployment_statuses (
    deployment_id INTEGER NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
    external_id   TEXT NOT NULL,
    state         TEXT NOT NULL,
    created_at    INTEGER,
    description   TEXT,
    log_url       TEXT,
    PRIMARY KEY (deployment_id, external_id)
) WITHOUT ROWID;

DROP TABLE deployment_commits;
CREATE TABLE deployment_changes (
    deployment_id INTEGER NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
    sha           TEXT NOT NULL,
    commit_id     INTEGER REFERENCES commits(id) ON DELETE CASCADE,
    pr_id         INTEGER REFERENCES pull_requests(id) ON DELETE CASCADE,
    stands_for    TEXT,
    authored_at   INTEGER,
    committed_at  INTEGER,
    reason        TEXT NOT NULL,
    PRIMARY KEY (deployment_id, sha)
) WITHOUT ROWID;
CREATE INDEX deployment_changes_commit ON deployment_changes(commit_id);
CREATE INDEX deployment_changes_sha ON deployment_changes(sha);

ALTER TABLE incidents ADD COLUMN display_key TEXT;
ALTER TABLE incidents ADD COLUMN updated_at INTEGER;
ALTER TABLE incidents ADD COLUMN priority TEXT;
ALTER TABLE incidents ADD COLUMN impact_started_at INTEGER;
ALTER TABLE incidents ADD COLUMN mitigated_at INTEGER;
ALTER TABLE incidents ADD COLUMN closed_at INTEGER;
ALTER TABLE incidents ADD COLUMN caused_by_pr TEXT;
ALTER TABLE incidents ADD COLUMN repository TEXT;
ALTER TABLE incidents ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';
CREATE INDEX incidents_created ON incidents(created_at);

ALTER TABLE pull_requests ADD COLUMN updated_at INTEGER;
ALTER TABLE pull_requests ADD COLUMN merged_by TEXT;
ALTER TABLE pull_requests ADD COLUMN squash_commit_sha TEXT;
ALTER TABLE pull_requests ADD COLUMN review_decision TEXT;
ALTER TABLE pull_requests ADD COLUMN changed_files INTEGER;
ALTER TABLE pull_requests ADD COLUMN bot_rule TEXT;
CREATE INDEX pull_requests_squash_commit ON pull_requests(squash_commit_sha);

ALTER TABLE pr_commits ADD COLUMN author_name TEXT;
ALTER TABLE pr_commits ADD COLUMN author_email TEXT;
ALTER TABLE pr_commits ADD COLUMN author_login TEXT;
ALTER TABLE pr_commits ADD COLUMN headline TEXT;

CREATE INDEX links_from ON links(from_type, from_id);
)sql";

// Schema v4: the metrics read commits by author time over every repository (code rework, lead time):
// an index on the time alone, as the v1 index leads with the repository; and a PR's changeset rows.
constexpr std::string_view kSchemaV4 = R"sql(
CREATE INDEX commits_authored_at ON commits(authored_at);
CREATE INDEX deployment_changes_pr ON deployment_changes(pr_id) WHERE pr_id IS NOT NULL;
)sql";

// Schema v5: flaky test results found without reading every test result of the period.
constexpr std::string_view kSchemaV5 = R"sql(
CREATE INDEX test_cases_flaky ON test_cases(run_id) WHERE flaky = 1 OR outcome = 'flaky';
)sql";

constexpr std::array kMigrations {
    Migration { 1, "initial schema", kSchemaV1 },
    Migration { 2, "CI import: source update times, attempt groups, error steps, flaky tests", kSchemaV2 },
    Migration { 3, "deployments, incidents, pull requests and their links", kSchemaV3 },
    Migration { 4, "indexes for the metrics: commits by author time, changeset rows by PR", kSchemaV4 },
    Migration { 5, "index of flaky test results", kSchemaV5 },
};

} // namespace

std::span<const Migration> migrations()
{
    return kMigrations;
}

int latestSchemaVersion()
{
    return kMigrations.back().version;
}

} // namespace faultline::store

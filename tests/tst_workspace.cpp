#include "store/bulk_writer.h"
#include "store/schema.h"
#include "store/store_error.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace faultline::store;
using faultline::test::fileSha256;

namespace {

// One row per table, written through BulkWriter and read back column by column. Foreign keys point
// at the ids of earlier rows (all ids are 1 because every table gets exactly one row).
// Literal-friendly value: the test tables below are written as plain C++ literals.
struct Cell
{
    QVariant v;
    Cell(const char* s)
        : v(QString::fromUtf8(s))
    {
    }
    Cell(int i)
        : v(qlonglong(i))
    {
    }
    Cell(long long i)
        : v(qlonglong(i))
    {
    }
    Cell(double d)
        : v(d)
    {
    }
    Cell(std::nullptr_t) { }
};

struct TableRow
{
    const char* table;
    std::vector<std::string> columns;
    std::vector<Cell> values;
};

std::vector<TableRow> oneRowPerTable()
{
    using V = std::vector<Cell>;
    const std::nullptr_t null = nullptr;
    return {
        { "workspace_meta", { "key", "value" }, V { "owner", "team-a" } },
        { "imports",
            { "path", "format", "sha256", "started_at", "duration_ms", "rows_inserted", "row_counts", "warning_count",
                "import_count", "last_imported_at", "app_version" },
            V { "/tmp/runs.json", "github-runs", "ab12", 1700000000000LL, 42, 7, "{\"jobs\":7}", 1, 2, 1700000001000LL,
                "0.1.0" } },
        { "import_warnings", { "import_id", "kind", "file", "line", "location", "detail" },
            V { 1, "unknown-status", "/tmp/runs.json", 12, "$.jobs[3].status", "kept 'NOT_BUILD' as is" } },
        { "repos", { "name", "location", "head_ref", "head_sha", "first_parent_only", "imported_at" },
            V { "shop", "/src/shop", "refs/heads/main", "aaaa", 0, 1700000000000LL } },
        { "commits",
            { "repo_id", "sha", "author_name", "author_email", "authored_at", "author_offset_min", "committer_name",
                "committer_email", "committed_at", "committer_offset_min", "subject", "message", "trailers", "is_merge",
                "added_lines", "deleted_lines", "ai_tool", "ai_rule", "ai_field", "ai_evidence", "ai_share", "ai_lines" },
            V { 1, "aaaa", "Ana", "ana@example.com", 1700000000000LL, 60, "Ana", "ana@example.com", 1700000005000LL,
                -300, "Add cart", "Add cart\n\nCo-Authored-By: Claude <noreply@anthropic.com>",
                "[[\"Co-Authored-By\",\"Claude <noreply@anthropic.com>\"]]", 0, 10, 2, "claude-code", "CC1", "trailer",
                "Claude <noreply@anthropic.com>", 1.0, 10 } },
        { "commit_parents", { "commit_id", "position", "parent_sha" }, V { 1, 0, "9999" } },
        { "commit_files", { "commit_id", "path", "old_path", "change", "added", "deleted", "is_binary" },
            V { 1, "src/cart.cpp", "src/basket.cpp", "R", 10, 2, 0 } },
        { "line_spans", { "repo_id", "path", "first_line", "line_count", "origin_commit_id" },
            V { 1, "src/cart.cpp", 1, 10, 1 } },
        { "churn", { "repo_id", "path", "origin_commit_id", "removing_commit_id", "lines", "age_ms" },
            V { 1, "src/cart.cpp", 1, 1, 3, 86400000 } },
        { "pull_requests",
            { "provider", "project", "number", "title", "author", "state", "is_draft", "is_bot", "created_at",
                "merged_at", "closed_at", "head_ref", "head_sha", "base_ref", "merge_commit_sha", "additions",
                "deletions", "labels", "url" },
            V { "github", "acme/shop", 12, "Cart", "ana", "MERGED", 0, 0, 1700000000000LL, 1700000100000LL,
                1700000100000LL, "feature/cart", "aaaa", "main", "bbbb", 10, 2, "[\"hotfix\"]",
                "https://example.com/pr/12" } },
        { "pr_commits", { "pr_id", "sha", "authored_at", "committed_at" },
            V { 1, "aaaa", 1700000000000LL, 1700000005000LL } },
        { "pr_reviews", { "pr_id", "review_key", "author", "state", "submitted_at" },
            V { 1, "R_1", "ben", "APPROVED", 1700000050000LL } },
        { "fingerprints", { "kind", "service", "normalized" }, V { "ci", "", "test: assertion failed in <path>" } },
        { "pipeline_runs",
            { "provider", "project", "external_id", "attempt", "workflow", "name", "event", "status", "conclusion",
                "head_sha", "head_branch", "pr_number", "created_at", "started_at", "finished_at", "duration_ms",
                "queued_ms", "url" },
            V { "github", "acme/shop", "30433642", 2, "CI", "Build", "push", "completed", "failure", "aaaa", "main", 12,
                1700000000000LL, 1700000010000LL, 1700000070000LL, 60000, 10000, "https://example.com/runs/1" } },
        { "jobs",
            { "run_id", "external_id", "name", "stage_raw", "stage", "status", "conclusion", "created_at", "started_at",
                "finished_at", "duration_ms", "queued_ms", "runner", "runner_labels", "attempt", "is_retried",
                "allow_failure", "error_line", "fingerprint_id" },
            V { 1, "399444496", "test (3.11)", "test", "test", "completed", "failure", 1700000010000LL, 1700000012000LL,
                1700000070000LL, 58000, 2000, "GitHub Actions 2", "[\"ubuntu-latest\"]", 2, 0, 0,
                "##[error]Process completed with exit code 1.", 1 } },
        { "steps",
            { "job_id", "number", "name", "stage", "status", "conclusion", "started_at", "finished_at", "duration_ms",
                "cache", "error_line", "fingerprint_id" },
            V { 1, 3, "Run pytest", "test", "completed", "failure", 1700000020000LL, 1700000070000LL, 50000, "miss",
                "E   assert 1 == 2", 1 } },
        { "test_cases",
            { "report_key", "run_id", "commit_sha", "suite", "classname", "name", "file", "outcome", "duration_ms",
                "started_at", "message" },
            V { "sha256:ff", 1, "aaaa", "pytest", "tests.test_cart", "test_total", "tests/test_cart.py", "flaky", 6435,
                1700000020000LL, "assert 1 == 2" } },
        { "deployments",
            { "provider", "external_id", "service", "environment", "status", "created_at", "started_at", "finished_at",
                "commit_sha", "ref", "url", "repo_id", "is_production", "is_rollback", "is_unplanned", "commits_known",
                "ai_share" },
            V { "csv", "d-1", "shop", "production", "success", 1700000100000LL, 1700000110000LL, 1700000200000LL, "aaaa",
                "main", null, 1, 1, 0, 0, 1, 0.5 } },
        { "deployment_statuses", { "deployment_id", "external_id", "state", "created_at", "description", "log_url" },
            V { 1, "388454671", "success", 1700000200000LL, "Deployed", "https://example.com/log/1" } },
        { "deployment_changes",
            { "deployment_id", "sha", "commit_id", "pr_id", "stands_for", "authored_at", "committed_at", "reason" },
            V { 1, "aaaa", 1, null, null, 1700000000000LL, 1700000000000LL, "graph" } },
        { "incidents",
            { "provider", "external_id", "title", "service", "environment", "severity", "status", "created_at",
                "acknowledged_at", "resolved_at", "url", "caused_by_deployment", "caused_by_commit_sha",
                "fingerprint_id" },
            V { "pagerduty", "PT4KHLK", "Checkout 500s", "shop", "production", "high", "resolved", 1700000300000LL,
                1700000400000LL, 1700000900000LL, "https://example.com/i/1", "d-1", "aaaa", 1 } },
        { "links", { "kind", "from_type", "from_id", "to_type", "to_id", "reason", "detail" },
            V { "incident_deployment", "incident", 1, "deployment", 1, "explicit-id", "caused_by_deployment=d-1" } },
    };
}

void writeValue(BulkWriter& w, const QVariant& v)
{
    switch (v.typeId()) {
    case QMetaType::UnknownType:
        w.null();
        break;
    case QMetaType::Int:
    case QMetaType::LongLong:
        w.value(std::int64_t(v.toLongLong()));
        break;
    case QMetaType::Double:
        w.value(v.toDouble());
        break;
    default:
        w.value(v.toString());
        break;
    }
}

QVariant readValue(const SqliteStatement& s, int column, const QVariant& like)
{
    if (s.isNull(column))
        return QVariant();
    switch (like.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
        return QVariant(qlonglong(s.int64(column)));
    case QMetaType::Double:
        return QVariant(s.real(column));
    default:
        return QVariant(s.text(column));
    }
}

QVariant normalised(const QVariant& v)
{
    if (v.typeId() == QMetaType::Int)
        return QVariant(v.toLongLong());
    if (v.typeId() == QMetaType::QByteArray || v.typeId() == QMetaType::QString)
        return QVariant(v.toString());
    return v;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createAppliesSchemaAndSettings();
    void createRefusesExistingFile();
    void migratesAnEmptyFile();
    void migratesAFreshSqliteFile();
    void refusesNewerVersionUnchanged();
    void refusesForeignSqliteFile();
    void refusesNonSqliteFile();
    void roundTripsEveryTable();
    void foreignKeysAreEnforced();
    void readOnlyCannotWrite();

private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
};

void TestWorkspace::createAppliesSchemaAndSettings()
{
    auto ws = Workspace::create(path("new.faultline"));
    QCOMPARE(ws.schemaVersion(), latestSchemaVersion());
    QCOMPARE(ws.db().queryInt64("PRAGMA application_id"), std::int64_t(kApplicationId));
    QCOMPARE(ws.db().queryInt64("PRAGMA foreign_keys"), std::int64_t(1));
    QVERIFY(ws.db().queryInt64("PRAGMA busy_timeout") >= 5000);
    auto mode = ws.db().prepare("PRAGMA journal_mode");
    QVERIFY(mode.step());
    QCOMPARE(mode.text(0), QStringLiteral("wal"));
    QCOMPARE(ws.db().queryInt64("SELECT count(*) FROM workspace_meta WHERE key = 'created_by'"), std::int64_t(1));
}

void TestWorkspace::createRefusesExistingFile()
{
    const QString p = path("exists.faultline");
    QFile f(p);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("keep me");
    f.close();
    try {
        Workspace::create(p);
        QFAIL("create over an existing file must fail");
    } catch (const StoreError& e) {
        QVERIFY(QString::fromUtf8(e.what()).contains(p));
    }
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("keep me"));
}

void TestWorkspace::migratesAnEmptyFile()
{
    const QString p = path("empty.faultline");
    QFile f(p);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QCOMPARE(QFileInfo(p).size(), 0);
    auto ws = Workspace::open(p);
    QCOMPARE(ws.schemaVersion(), latestSchemaVersion());
    QCOMPARE(ws.db().queryInt64("SELECT count(*) FROM commits"), std::int64_t(0));
}

void TestWorkspace::migratesAFreshSqliteFile()
{
    const QString p = path("fresh.faultline");
    {
        SqliteDatabase raw(p, SqliteDatabase::OpenMode::ReadWriteCreate);
        raw.exec("PRAGMA user_version = 0");
    }
    QCOMPARE(Workspace::peekSchemaVersion(p), 0);
    {
        auto ws = Workspace::open(p);
        QCOMPARE(ws.schemaVersion(), latestSchemaVersion());
    }
    QCOMPARE(Workspace::peekSchemaVersion(p), latestSchemaVersion());
    // Opening an up-to-date workspace again migrates nothing and keeps the data.
    auto again = Workspace::open(p);
    QCOMPARE(again.db().queryInt64("SELECT count(*) FROM workspace_meta WHERE key = 'created_by'"), std::int64_t(1));
}

void TestWorkspace::refusesNewerVersionUnchanged()
{
    const QString p = path("future.faultline");
    {
        auto ws = Workspace::create(p);
        ws.db().exec("PRAGMA user_version = " + std::to_string(latestSchemaVersion() + 1));
    }
    const QByteArray before = fileSha256(p);
    try {
        Workspace::open(p);
        QFAIL("a newer workspace must be refused");
    } catch (const StoreError& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains(QLatin1String("newer Faultline")), qPrintable(message));
        QVERIFY2(message.contains(p), qPrintable(message));
    }
    QVERIFY_THROWS_EXCEPTION(StoreError, Workspace::openReadOnly(p));
    QCOMPARE(fileSha256(p), before);
    QCOMPARE(Workspace::peekSchemaVersion(p), latestSchemaVersion() + 1);
}

void TestWorkspace::refusesForeignSqliteFile()
{
    const QString p = path("other.db");
    {
        SqliteDatabase raw(p, SqliteDatabase::OpenMode::ReadWriteCreate);
        raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x')");
    }
    const QByteArray before = fileSha256(p);
    try {
        Workspace::open(p);
        QFAIL("a foreign SQLite file must be refused");
    } catch (const StoreError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("not a Faultline workspace")), e.what());
    }
    QCOMPARE(fileSha256(p), before);
}

void TestWorkspace::refusesNonSqliteFile()
{
    const QString p = path("garbage.faultline");
    QFile f(p);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, '\x7f'));
    f.close();
    const QByteArray before = fileSha256(p);
    try {
        Workspace::open(p);
        QFAIL("a non-SQLite file must be refused");
    } catch (const StoreError& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains(QLatin1String("not a Faultline workspace")) && message.contains(p), qPrintable(message));
    }
    QCOMPARE(fileSha256(p), before);
}

void TestWorkspace::roundTripsEveryTable()
{
    const QString p = path("roundtrip.faultline");
    const auto rows = oneRowPerTable();
    {
        auto ws = Workspace::create(p);
        ws.db().exec("DELETE FROM workspace_meta");
        SqliteTransaction tx(ws.db());
        for (const TableRow& row : rows) {
            BulkWriter writer(ws.db(), { row.table, row.columns });
            for (const Cell& cell : row.values)
                writeValue(writer, cell.v);
            writer.endRow();
            writer.flush();
            QVERIFY2(writer.rowsWritten() == 1, row.table);
        }
        tx.commit();
    }
    // Read back through a fresh connection, so nothing comes from a cache.
    auto ws = Workspace::openReadOnly(p);
    QSet<QString> covered;
    for (const TableRow& row : rows) {
        std::string sql = "SELECT ";
        for (size_t c = 0; c < row.columns.size(); ++c)
            sql += (c ? ", " : "") + row.columns[c];
        sql += std::string(" FROM ") + row.table;
        auto stmt = ws.db().prepare(sql);
        QVERIFY2(stmt.step(), row.table);
        for (int c = 0; c < int(row.columns.size()); ++c) {
            const QVariant expected = normalised(row.values[size_t(c)].v);
            const QVariant actual = readValue(stmt, c, expected);
            QVERIFY2(actual == expected,
                qPrintable(QStringLiteral("%1.%2: %3 != %4")
                               .arg(QLatin1String(row.table), QString::fromStdString(row.columns[size_t(c)]),
                                   actual.toString(), expected.toString())));
        }
        QVERIFY2(!stmt.step(), row.table);
        covered.insert(QString::fromLatin1(row.table));
    }
    // Every table of the schema must be covered here: a new table without a round trip fails.
    auto tables = ws.db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    QSet<QString> schemaTables;
    while (tables.step())
        schemaTables.insert(tables.text(0));
    QCOMPARE(covered, schemaTables);
}

void TestWorkspace::foreignKeysAreEnforced()
{
    auto ws = Workspace::create(path("fk.faultline"));
    QVERIFY_THROWS_EXCEPTION(StoreError,
        ws.db().exec("INSERT INTO commit_files (commit_id, path, change) VALUES (42, 'a', 'M')"));
    QVERIFY_THROWS_EXCEPTION(StoreError,
        ws.db().exec("INSERT INTO test_cases (report_key, name, outcome) VALUES ('r', 't', 'exploded')"));
}

void TestWorkspace::readOnlyCannotWrite()
{
    const QString p = path("ro.faultline");
    Workspace::create(p);
    auto ws = Workspace::openReadOnly(p);
    QVERIFY_THROWS_EXCEPTION(StoreError, ws.db().exec("INSERT INTO workspace_meta VALUES ('k', 'v')"));
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"

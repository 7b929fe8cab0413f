// A deployment CSV (FORMATS.md §7e, end): Faultline's columns deployment_id, service, environment,
// status, started_at, finished_at, commit_sha, ref, url, in any order, with any further columns
// ignored, and the names of DevLake's deployment webhook as aliases (id, repo_url, result, ref_name,
// display_title, created_at).
//
// Decisions worth knowing:
//  - Required: deployment_id, service, environment, status and at least one time column. A service or
//  environment column may
//    be left out when --service / --environment is given; an empty cell falls back to them, and a
//    row with neither is an error. Without a service column, repo_url / repository names the
//    service by its last path segment (https://github.com/acme/shop-api → shop-api) and is kept as
//    the repository.
//  - status, in any case: success/succeeded/successful/ok/deployed/done → success;
//    failure/failed/error → failure; aborted/cancelled/canceled → cancelled; running/in_progress/
//    started → running; queued/pending/waiting → queued. Anything else is an error: a CSV is written
//    by hand or by a script, and a typo must not silently drop a deployment from the metrics.
//  - started = started_at, else created_at. Timestamps take every form of FORMATS.md §0; a commit
//    must be 7–64 hex digits. The latest of the row's times stands in for updated_at, so an older
//    export of a deployment does not overwrite a newer one.
#include "common/csv_reader.h"
#include "common/import_error.h"
#include "common/time_order.h"
#include "deploy_format.h"
#include "deploy_importers.h"
#include "deploy_values.h"

namespace faultline::importers::deploys {

namespace {

namespace ds = store::deployment_status;

struct StatusWord
{
    const char* word;
    const char* status;
};

constexpr StatusWord kStatusWords[] = {
    { "success", ds::kSuccess },   { "succeeded", ds::kSuccess },   { "successful", ds::kSuccess },
    { "ok", ds::kSuccess },        { "deployed", ds::kSuccess },    { "done", ds::kSuccess },
    { "failure", ds::kFailure },   { "failed", ds::kFailure },      { "error", ds::kFailure },
    { "aborted", ds::kCancelled }, { "cancelled", ds::kCancelled }, { "canceled", ds::kCancelled },
    { "running", ds::kRunning },   { "in_progress", ds::kRunning }, { "started", ds::kRunning },
    { "queued", ds::kQueued },     { "pending", ds::kQueued },      { "waiting", ds::kQueued },
};

QString normalisedStatus(const QString& value)
{
    const QString v = value.toLower();
    for (const StatusWord& entry : kStatusWords) {
        if (v == QLatin1String(entry.word))
            return QString::fromLatin1(entry.status);
    }
    return {};
}

QString allStatusWords()
{
    QStringList all;
    for (const StatusWord& entry : kStatusWords)
        all << QString::fromLatin1(entry.word);
    return all.join(QStringLiteral(", "));
}

bool isBlank(const QStringList& row)
{
    for (const QString& field : row) {
        if (!field.trimmed().isEmpty())
            return false;
    }
    return true;
}

class CsvImport
{
public:
    CsvImport(const QString& path, FileImportContext& ctx)
        : m_ctx(ctx)
        , m_reader(path)
        , m_columns(m_reader, columns(ctx.options()))
    {
        const QString serviceHeader
            = CsvColumns::normalizeHeader(m_columns.headerName(QStringLiteral("service")));
        m_serviceFromRepository
            = m_columns.has(QStringLiteral("service")) && serviceHeader != QLatin1String("service");
        // Every metric places a deployment in time; a file with no time column at all has the wrong
        // columns (an empty cell in one row is a deployment still queued, and is fine).
        if (!m_columns.has(QStringLiteral("finished_at")) && !m_columns.has(QStringLiteral("started_at"))
            && !m_columns.has(QStringLiteral("created_at")))
            m_reader.fail(1,
                          QStringLiteral("missing column: a deployment needs finished_at, started_at or "
                                         "created_at (or finished_date, end_time, started_date, start_time, "
                                         "created_date); the header has: %1")
                              .arg(m_reader.header().join(QStringLiteral(", "))));
    }

    void run()
    {
        std::int64_t rows = 0;
        while (auto row = m_reader.next()) {
            if (isBlank(*row))
                continue;
            importRow(*row);
            if (++rows % kProgressEvery == 0)
                m_ctx.progress(m_reader.bytesRead());
        }
        if (rows == 0)
            m_ctx.warn(QStringLiteral("empty"), m_reader.path(), 1, {},
                       QStringLiteral("a header without rows: no deployments to import"));
    }

private:
    static std::vector<CsvColumns::Column> columns(const FileImportOptions& options)
    {
        auto names = [](std::initializer_list<const char*> list) {
            QStringList out;
            for (const char* name : list)
                out << QString::fromLatin1(name);
            return out;
        };
        return {
            { QStringLiteral("deployment_id"), names({ "id", "deployment" }), true },
            { QStringLiteral("service"), names({ "repo_url", "repository", "repo" }),
              options.service.isEmpty() },
            { QStringLiteral("repository"), names({ "repo_url", "repo" }), false },
            { QStringLiteral("environment"), names({ "env" }), options.environment.isEmpty() },
            { QStringLiteral("status"), names({ "result", "state" }), true },
            { QStringLiteral("started_at"), names({ "started_date", "start_time" }), false },
            { QStringLiteral("finished_at"), names({ "finished_date", "end_time" }), false },
            { QStringLiteral("created_at"), names({ "created_date" }), false },
            { QStringLiteral("commit_sha"), names({ "sha", "commit" }), false },
            { QStringLiteral("ref"), names({ "ref_name", "branch" }), false },
            { QStringLiteral("url"), {}, false },
            { QStringLiteral("description"), names({ "display_title", "title" }), false },
            { QStringLiteral("creator"), names({ "author", "user" }), false },
        };
    }

    QString value(const QStringList& row, const char* column) const
    {
        return m_columns.value(row, QString::fromLatin1(column));
    }

    [[noreturn]] void fail(const char* column, const QString& problem) const
    {
        m_reader.fail(
            m_reader.line(),
            QStringLiteral("column %1: %2").arg(m_columns.headerName(QString::fromLatin1(column)), problem));
    }

    std::optional<std::int64_t> time(const QStringList& row, const char* column) const
    {
        const QString text = value(row, column);
        if (text.isEmpty())
            return std::nullopt;
        const auto ms = m_ctx.time().parse(text);
        if (!ms)
            fail(column, QStringLiteral("expected an ISO-8601 timestamp, found '%1'").arg(text));
        return ms;
    }

    // The row's times run created → started → finished: refused more than the clock-skew tolerance
    // backwards, kept with a warning within it (the duration then exports as negative, as given).
    void checkOrder(const char* earlierColumn, std::optional<std::int64_t> earlier, const char* laterColumn,
                    std::optional<std::int64_t> later)
    {
        const QString laterName = m_columns.headerName(QString::fromLatin1(laterColumn));
        const TimeOrder order = TimeOrder::compare(m_columns.headerName(QString::fromLatin1(earlierColumn)),
                                                   earlier, laterName, later);
        if (order.refused())
            m_reader.fail(m_reader.line(), order.problem());
        if (order.skewed())
            m_ctx.warn(QStringLiteral("inconsistent"), m_reader.path(), m_reader.line(), laterName,
                       order.problem() + QStringLiteral(" (clock skew; kept as given)"));
    }

    void importRow(const QStringList& row)
    {
        const auto& options = m_ctx.options();
        store::DeploymentRecord r;
        r.provider = QStringLiteral("csv");
        r.externalId = value(row, "deployment_id");
        if (r.externalId.isEmpty())
            fail("deployment_id", QStringLiteral("empty; every deployment needs an id"));

        const QString serviceCell = value(row, "service");
        r.service = m_serviceFromRepository ? lastSegment(serviceCell) : serviceCell;
        r.repository = value(row, "repository");
        if (r.service.isEmpty())
            r.service = options.service;
        if (r.service.isEmpty())
            fail("service", QStringLiteral("empty, and no --service given"));
        r.environment = value(row, "environment");
        if (r.environment.isEmpty())
            r.environment = options.environment;
        if (r.environment.isEmpty())
            fail("environment", QStringLiteral("empty, and no --environment given"));

        r.statusRaw = value(row, "status");
        r.status = normalisedStatus(r.statusRaw);
        if (r.status.isEmpty())
            fail("status",
                 QStringLiteral("unknown value '%1'; expected one of %2").arg(r.statusRaw, allStatusWords()));

        r.createdAt = time(row, "created_at");
        r.startedAt = time(row, "started_at");
        checkOrder("created_at", r.createdAt, "started_at", r.startedAt);
        const char* startColumn = r.startedAt ? "started_at" : "created_at";
        if (!r.startedAt)
            r.startedAt = r.createdAt;
        r.finishedAt = time(row, "finished_at");
        checkOrder(startColumn, r.startedAt, "finished_at", r.finishedAt);
        r.updatedAt = latestOf({ r.createdAt, r.startedAt, r.finishedAt });

        r.commitSha = value(row, "commit_sha");
        if (!r.commitSha.isEmpty() && !isCommitSha(r.commitSha))
            fail("commit_sha",
                 QStringLiteral("expected a commit id of 7 to 64 hex digits, found '%1'").arg(r.commitSha));
        r.commitSha = r.commitSha.toLower();
        r.ref = value(row, "ref");
        r.url = value(row, "url");
        r.description = value(row, "description");
        r.creator = value(row, "creator");
        m_ctx.writer().upsertDeployment(r);
    }

    FileImportContext& m_ctx;
    CsvReader m_reader;
    CsvColumns m_columns;
    bool m_serviceFromRepository = false;
};

} // namespace

void importDeploymentCsv(const QString& path, FileImportContext& ctx)
{
    CsvImport(path, ctx).run();
}

} // namespace faultline::importers::deploys

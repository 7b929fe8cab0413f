// How fast is `faultline metrics` (model/metrics/metrics_report) on a large workspace, next to the
// baseline of a `SELECT count(*)` pass over the same tables?
//
//   bench_metrics [--commits N] [--deployments D] [--jobs J] [--keep DIR]
//       generates a workspace (default 1,000,000 commits two minutes apart with one file each and two
//       churned lines each, 100,000 deployments of three services to production walking the history,
//       1,000,000 CI jobs in runs of eight across the same years, 10,000 incidents), links it, then
//       times buildMetricsReport + the JSON text for the default period (the 90 days up to the latest
//       activity) and for the whole history, and a `SELECT count(*)` of every table the metrics read.
//
// Build: cmake --preset release && cmake --build build/release --target bench_metrics
#include "link/linker.h"
#include "metrics/metrics_json.h"
#include "metrics/metrics_report.h"
#include "store/bulk_writer.h"
#include "store/ci_writer.h"
#include "store/delivery_queries.h"
#include "store/delivery_writer.h"
#include "store/import_batch.h"
#include "store/incident_queries.h"
#include "store/lead_time_queries.h"
#include "store/pipeline_queries.h"
#include "store/rework_queries.h"
#include "store/sqlite_database.h"
#include "store/synthetic_history.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

using namespace faultline;

namespace {

struct Shape
{
    std::int64_t commits = 1000000;
    std::int64_t deployments = 100000;
    std::int64_t jobs = 1000000;
    std::int64_t incidents = 10000;
};

constexpr std::int64_t kEpochMs = 1609459200000; // 2021-01-01T00:00:00Z
constexpr std::int64_t kMinuteMs = 60 * 1000;
const char* const kServices[] = { "cart", "search", "billing" };
const char* const kStages[] = { "checkout", "setup", "build", "lint", "test", "test", "package", "deploy" };

QString sha(std::int64_t k)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%040" PRIx64, std::uint64_t(std::uint64_t(k) * 2654435761ULL + 1));
    return QString::fromLatin1(buf, 40);
}

double seconds(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

// One transaction per kind of data, as separate imports would be: a single transaction of this size
// spills far past the page cache and slows every statement savepoint down.
void generate(store::Workspace& ws, const Shape& shape)
{
    auto batchFor = [&](const char* what) {
        return std::make_unique<store::ImportBatch>(ws,
                                                    store::ImportSource { QStringLiteral("bench"),
                                                                          QStringLiteral("bench:metrics"),
                                                                          QByteArray(what) });
    };
    auto history_batch = batchFor("history");
    store::ImportBatch& batch = *history_batch;
    store::SyntheticHistory history(batch);
    const std::int64_t repo = history.addRepository(QStringLiteral("shop"), QStringLiteral("/bench/shop"));
    store::BulkWriter& churn = batch.writer(
        { "churn", { "repo_id", "path", "origin_commit_id", "removing_commit_id", "lines", "age_ms" } });
    std::vector<std::int64_t> ids;
    ids.reserve(size_t(shape.commits));
    for (std::int64_t k = 0; k < shape.commits; ++k) {
        store::SyntheticHistory::Commit c;
        c.sha = sha(k);
        c.subject = QStringLiteral("change %1").arg(k);
        c.authoredAt = kEpochMs + k * 2 * kMinuteMs;
        if (k > 0)
            c.parents = { sha(k - 1) };
        c.files = { QStringLiteral("%1/file%2.c").arg(QLatin1String(kServices[k % 3])).arg(k % 500) };
        c.addedLines = 4 + k % 5;
        c.aiLines = k % 3 == 0 ? c.addedLines : 0;
        ids.push_back(history.addCommit(repo, c));
        if (k >= 5) {
            // Two lines of the commit five before, rewritten ten minutes after they were written.
            churn.value(repo)
                .value(c.files.front())
                .value(ids[size_t(k - 5)])
                .value(ids.back())
                .value(2)
                .value(10 * kMinuteMs);
            churn.endRow();
        }
    }
    history.flush();
    batch.commit();

    auto delivery = batchFor("delivery");
    store::DeliveryWriter writer(*delivery);
    const std::int64_t stride = std::max<std::int64_t>(1, shape.commits / shape.deployments);
    for (std::int64_t k = 0; k < shape.deployments; ++k) {
        const std::int64_t at = std::min(shape.commits - 1, k * stride + stride - 1);
        store::DeploymentRecord d;
        d.provider = QStringLiteral("csv");
        d.externalId = QStringLiteral("d%1").arg(k);
        d.service = QLatin1String(kServices[k % 3]);
        d.environment = QStringLiteral("production");
        d.status = k % 20 == 7 ? QStringLiteral("failure") : QStringLiteral("success");
        d.commitSha = sha(at);
        d.finishedAt = kEpochMs + at * 2 * kMinuteMs + 30 * kMinuteMs;
        d.startedAt = *d.finishedAt - 5 * kMinuteMs;
        writer.upsertDeployment(d);
    }
    const std::int64_t span = shape.commits * 2 * kMinuteMs;
    for (std::int64_t k = 0; k < shape.incidents; ++k) {
        store::IncidentRecord i;
        i.provider = QStringLiteral("pagerduty");
        i.externalId = QStringLiteral("P%1").arg(k);
        i.title = QStringLiteral("checkout errors on node %1").arg(k % 7);
        i.fingerprint = QStringLiteral("checkout errors on node <n>");
        i.service = QLatin1String(kServices[k % 3]);
        i.createdAt = kEpochMs + k * (span / shape.incidents);
        i.resolvedAt = i.createdAt + 45 * kMinuteMs;
        writer.upsertIncident(i);
    }
    delivery->commit();

    auto ciBatch = batchFor("ci");
    store::CiWriter ci(*ciBatch);
    const std::int64_t runs = shape.jobs / 8;
    for (std::int64_t k = 0; k < runs; ++k) {
        store::CiRun r;
        r.provider = QStringLiteral("github");
        r.project = QStringLiteral("acme/shop");
        r.externalId = QString::number(k);
        r.headSha = sha(k % shape.commits);
        r.startedAt = kEpochMs + k * (span / runs);
        r.finishedAt = *r.startedAt + 20 * kMinuteMs;
        r.conclusion = QStringLiteral("success");
        const std::int64_t runId = ci.upsertRun(r);
        for (int j = 0; j < 8; ++j) {
            store::CiJob job;
            job.externalId = QString::number(k * 8 + j);
            job.name = QStringLiteral("%1 %2").arg(QLatin1String(kStages[j])).arg(j);
            job.stage = QLatin1String(kStages[j]);
            job.conclusion = (k + j) % 17 == 0 ? QStringLiteral("failure") : QStringLiteral("success");
            job.startedAt = *r.startedAt + j * 2 * kMinuteMs;
            job.finishedAt = *job.startedAt + (1 + j) * kMinuteMs;
            job.durationMs = *job.finishedAt - *job.startedAt;
            job.queuedMs = 15000;
            job.runnerLabels
                = j % 2 ? QStringLiteral("[\"ubuntu-latest\"]") : QStringLiteral("[\"self-hosted\"]");
            ci.upsertJob(runId, job);
        }
    }
    ciBatch->commit();

    auto link = batchFor("link");
    importers::link::relink(*link);
    link->commit();
}

double timeReport(const store::SqliteDatabase& db, metrics::MetricsOptions options, qsizetype* bytes)
{
    QElapsedTimer t;
    t.start();
    const auto report = metrics::buildMetricsReport(db, options);
    *bytes = metrics::toJsonText(report).size();
    return seconds(t);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    Shape shape;
    QString keep;
    bool reuse = false;
    for (int i = 1; i < argc; ++i) {
        auto next = [&]() -> std::int64_t { return i + 1 < argc ? std::atoll(argv[++i]) : 0; };
        if (!std::strcmp(argv[i], "--commits"))
            shape.commits = next();
        else if (!std::strcmp(argv[i], "--deployments"))
            shape.deployments = next();
        else if (!std::strcmp(argv[i], "--jobs"))
            shape.jobs = next();
        else if (!std::strcmp(argv[i], "--keep") && i + 1 < argc)
            keep = QString::fromLocal8Bit(argv[++i]);
        else if (!std::strcmp(argv[i], "--reuse"))
            reuse = true; // with --keep: time the workspace a earlier run left there (migrated first)
        else {
            std::fprintf(stderr,
                         "usage: %s [--commits N] [--deployments D] [--jobs J] [--keep DIR [--reuse]]\n",
                         argv[0]);
            return 2;
        }
    }
    if (shape.commits <= 0 || shape.deployments <= 0 || shape.jobs < 8) {
        std::fprintf(stderr, "bench_metrics: counts must be positive (jobs at least 8)\n");
        return 2;
    }
    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    const QString path = dir + QStringLiteral("/metrics-bench.faultline");
    if (reuse && QFile::exists(path)) {
        store::Workspace::open(path); // applies newer schema steps
    } else {
        QFile::remove(path);
        auto ws = store::Workspace::create(path);
        QElapsedTimer t;
        t.start();
        generate(ws, shape);
        std::printf("generated and linked %" PRId64 " commits, %" PRId64 " deployments, %" PRId64
                    " jobs in %.1f s\n",
                    shape.commits, shape.deployments, shape.jobs, seconds(t));
    }
    const auto ws = store::Workspace::openReadOnly(path);
    QElapsedTimer t;
    t.start();
    std::int64_t rows = 0;
    for (const char* table :
         { "deployments", "deployment_changes", "links", "commits", "commit_files", "churn", "line_spans",
           "pipeline_runs", "jobs", "steps", "incidents", "pull_requests" }) {
        auto s = ws.db().prepare(std::string("SELECT count(*) FROM ") + table);
        s.step();
        rows += s.int64(0);
    }
    const double baseline = seconds(t);
    std::printf("baseline SELECT count(*) over the %" PRId64 " rows of the tables the metrics read: %.3f s\n",
                rows, baseline);

    const auto window = metrics::defaultWindow(ws.db());
    metrics::MetricsOptions options;
    options.contributingRows = false; // as `faultline metrics` asks
    options.fromMs = window->first;
    options.toMs = window->second;
    qsizetype bytes = 0;
    timeReport(ws.db(), options, &bytes); // warm the page cache, as a second run of the command would be
    const double recent = timeReport(ws.db(), options, &bytes);
    std::printf("metrics, default period (90 days): %.3f s (%lld bytes of JSON), %.1f× the baseline\n",
                recent, static_cast<long long>(bytes), recent / baseline);
    // Where the time goes: each part's load (the store query) and computation on their own.
    auto parts = [&] {
        auto part = [&](const char* name, auto load, auto compute) {
            QElapsedTimer pt;
            pt.start();
            const auto facts = load();
            const double loaded = seconds(pt);
            pt.restart();
            compute(facts);
            std::printf("  %-18s load %.3f s, compute %.3f s\n", name, loaded, seconds(pt));
        };
        part(
            "DORA", [&] { return store::loadDoraFacts(ws.db(), options.fromMs, options.toMs); },
            [&](const auto& f) { metrics::computeDora(f, options); });
        part(
            "lead time", [&] { return store::loadLeadTimeFacts(ws.db(), options.fromMs, options.toMs); },
            [&](const auto& f) {
                metrics::computeLeadTimeBreakdown(
                    f, options, QRegularExpression(QString::fromLatin1(metrics::kDefaultStagingRule)));
            });
        part(
            "pipeline", [&] { return store::loadPipelineFacts(ws.db(), options.fromMs, options.toMs); },
            [&](const auto& f) { metrics::computePipelineMetrics(f); });
        part(
            "rework", [&] { return store::loadReworkFacts(ws.db(), options.fromMs, options.toMs); },
            [&](const auto& f) { metrics::computeCodeRework(f, options); });
        part(
            "incidents", [&] { return store::loadIncidentFacts(ws.db(), options.fromMs, options.toMs); },
            [&](const auto& f) { metrics::computeRepeatIncidents(f, options); });
    };
    parts();
    options.fromMs = kEpochMs;
    const double whole = timeReport(ws.db(), options, &bytes);
    std::printf("metrics, whole history: %.3f s (%lld bytes of JSON), %.1f× the baseline\n", whole,
                static_cast<long long>(bytes), whole / baseline);
    parts();
    return 0;
}

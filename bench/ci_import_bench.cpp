// How fast is `import ci` next to the baseline the developers' guide names: a plain prepared-statement
// insert loop of the same rows into the same schema?
//
//   bench_ci_import [--runs N] [--jobs J] [--steps S] [--keep DIR]
//       generates N runs × J jobs × S steps in the GitHub REST shape as JSON Lines (what
//       `gh api --paginate --jq '.workflow_runs[]'` / `'.jobs[]'` write), imports them with the
//       real importer into a fresh workspace, then inserts the same rows with a plain single-row
//       prepared INSERT loop (one transaction, rows pre-built in memory, no parsing) into another,
//       and prints rows/s of both and their ratio. Peak RSS of the import is read before the
//       baseline builds its rows.
//   bench_ci_import generate DIR [--runs N] [--jobs J] [--steps S]
//       only writes DIR/runs.jsonl and DIR/jobs.jsonl (e.g. a 1 GB jobs file for
//       `/usr/bin/time -v faultline import ci DIR/runs.jsonl DIR/jobs.jsonl --workspace W`).
//
// Build: scripts/setup.sh --preset release && build/release/bench/bench_ci_import
#include "ci/ci_importer.h"
#include "store/import_batch.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace faultline;

namespace {

struct Shape
{
    std::int64_t runs = 2000;
    int jobs = 8;
    int steps = 10;
};

constexpr std::int64_t kBaseRunId = 5000000000;
constexpr std::int64_t kBaseJobId = 20000000000;
constexpr std::int64_t kEpoch = 1704067200; // 2024-01-01T00:00:00Z

const char* const kStepNames[] = { "Set up job",
                                   "Run actions/checkout@v4",
                                   "Run actions/setup-python@v5",
                                   "Run actions/cache@v4",
                                   "Install dependencies",
                                   "Lint",
                                   "Build",
                                   "Run tests",
                                   "Upload coverage",
                                   "Post Run actions/checkout@v4",
                                   "Complete job",
                                   "Publish",
                                   "Deploy" };
const char* const kJobNames[] = { "build",   "lint", "test (3.10)", "test (3.11)", "test (3.12)",
                                  "package", "docs", "deploy",      "integration", "e2e" };

std::string iso(std::int64_t epochSeconds, bool millis)
{
    const std::int64_t days = epochSeconds / 86400;
    std::int64_t rem = epochSeconds % 86400;
    // civil_from_days (Howard Hinnant)
    std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp + (mp < 10 ? 3 : -9);
    y += (m <= 2);
    char buf[64];
    std::snprintf(buf, sizeof buf,
                  "%04" PRId64 "-%02" PRId64 "-%02" PRId64 "T%02" PRId64 ":%02" PRId64 ":%02" PRId64 "%sZ", y,
                  m, d, rem / 3600, rem % 3600 / 60, rem % 60, millis ? ".000" : "");
    return buf;
}

std::string sha(std::int64_t i)
{
    static const char* hex = "0123456789abcdef";
    std::string s(40, '0');
    std::uint64_t x = std::uint64_t(i) * 0x9E3779B97F4A7C15ULL;
    for (int k = 0; k < 40; ++k) {
        x ^= x >> 13;
        x *= 0xff51afd7ed558ccdULL;
        s[size_t(k)] = hex[x & 15];
    }
    return s;
}

std::int64_t runStart(std::int64_t r)
{
    return kEpoch + r * 600;
}

void writeRun(std::FILE* f, std::int64_t r)
{
    const std::int64_t id = kBaseRunId + r;
    const std::int64_t start = runStart(r);
    std::fprintf(f,
                 R"({"id":%)" PRId64 R"(,"name":"CI","node_id":"WFR_kwLOABCDEF8AAAAB%)" PRId64
                 R"(","head_branch":"main","head_sha":"%s",)"
                 R"("path":".github/workflows/ci.yml","display_title":"Change %)" PRId64
                 R"(","run_number":%)" PRId64 R"(,"event":"push",)"
                 R"("status":"completed","conclusion":"%s","workflow_id":161335,"check_suite_id":%)" PRId64
                 R"(,)"
                 R"("url":"https://api.github.com/repos/acme/shop/actions/runs/%)" PRId64
                 R"(","html_url":"https://github.com/acme/shop/actions/runs/%)" PRId64 R"(",)"
                 R"("pull_requests":[],"created_at":"%s","updated_at":"%s","actor":{"login":"dev%)" PRId64
                 R"(","id":%)" PRId64 R"(,"type":"User"},)"
                 R"("run_attempt":1,"referenced_workflows":[],"run_started_at":"%s",)"
                 R"("jobs_url":"https://api.github.com/repos/acme/shop/actions/runs/%)" PRId64
                 R"(/jobs","previous_attempt_url":null,)"
                 R"("head_commit":{"id":"%s","tree_id":"%s","message":"Change %)" PRId64
                 R"(","timestamp":"%s","author":{"name":"Dev","email":"dev@acme.test"}},)"
                 R"("repository":{"id":1296269,"name":"shop","full_name":"acme/shop","private":false}})"
                 "\n",
                 id, r, sha(r).c_str(), r, r + 1, r % 7 == 0 ? "failure" : "success", 9000000 + r, id, id,
                 iso(start - 5, false).c_str(), iso(start + 900, false).c_str(), r % 5, 1000 + r % 5,
                 iso(start, false).c_str(), id, sha(r).c_str(), sha(r + 7).c_str(), r,
                 iso(start - 600, false).c_str());
}

void writeJob(std::FILE* f, std::int64_t r, int j, int steps)
{
    const std::int64_t runId = kBaseRunId + r;
    const std::int64_t jobId = kBaseJobId + r * 100 + j;
    const std::int64_t created = runStart(r) + j;
    const std::int64_t started = created + 3 + j % 4;
    std::int64_t t = started;
    std::string stepsJson;
    for (int s = 1; s <= steps; ++s) {
        const std::int64_t duration = 1 + (s * 7 + j * 3) % 40;
        char buf[320];
        std::snprintf(
            buf, sizeof buf,
            R"(%s{"name":"%s","status":"completed","conclusion":"success","number":%d,"started_at":"%s","completed_at":"%s"})",
            s == 1 ? "" : ",", kStepNames[(s - 1) % 13], s, iso(t, true).c_str(),
            iso(t + duration, true).c_str());
        stepsJson += buf;
        t += duration;
    }
    std::fprintf(
        f,
        R"({"id":%)" PRId64 R"(,"run_id":%)" PRId64 R"(,"workflow_name":"CI","head_branch":"main",)"
        R"("run_url":"https://api.github.com/repos/acme/shop/actions/runs/%)" PRId64
        R"(","run_attempt":1,"node_id":"CR_kwDOABCDEF8AAAAC%)" PRId64 R"(",)"
        R"("head_sha":"%s","url":"https://api.github.com/repos/acme/shop/actions/jobs/%)" PRId64 R"(",)"
        R"("html_url":"https://github.com/acme/shop/actions/runs/%)" PRId64 R"(/job/%)" PRId64
        R"(","status":"completed","conclusion":"success",)"
        R"("created_at":"%s","started_at":"%s","completed_at":"%s","name":"%s","steps":[%s],)"
        R"("check_run_url":"https://api.github.com/repos/acme/shop/check-runs/%)" PRId64
        R"(","labels":["ubuntu-latest"],)"
        R"("runner_id":%d,"runner_name":"GitHub Actions %d","runner_group_id":2,"runner_group_name":"GitHub Actions"})"
        "\n",
        jobId, runId, runId, jobId, sha(r).c_str(), jobId, runId, jobId, iso(created, false).c_str(),
        iso(started, false).c_str(), iso(t, false).c_str(), kJobNames[j % 10], stepsJson.c_str(), jobId,
        1 + j, 1 + j);
}

void generate(const QString& dir, const Shape& shape)
{
    QDir().mkpath(dir);
    std::FILE* runs = std::fopen(QFile::encodeName(dir + QStringLiteral("/runs.jsonl")).constData(), "w");
    std::FILE* jobs = std::fopen(QFile::encodeName(dir + QStringLiteral("/jobs.jsonl")).constData(), "w");
    if (!runs || !jobs) {
        std::fprintf(stderr, "cannot write to %s\n", qPrintable(dir));
        std::exit(1);
    }
    for (std::int64_t r = 0; r < shape.runs; ++r) {
        writeRun(runs, r);
        for (int j = 0; j < shape.jobs; ++j)
            writeJob(jobs, r, j, shape.steps);
    }
    std::fclose(runs);
    std::fclose(jobs);
}

long peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').front().toLong();
    }
    return -1;
}

// The baseline: the same rows, already in memory, each inserted by a single-row prepared INSERT.
double plainInsertLoop(const QString& workspacePath, const Shape& shape, std::int64_t& rows)
{
    struct StepRow
    {
        int number;
        std::string name;
        std::int64_t started, finished;
    };
    struct JobRow
    {
        std::string id, name, labels;
        std::int64_t created, started, finished;
        std::vector<StepRow> steps;
    };
    struct RunRow
    {
        std::string id, sha, title;
        std::int64_t created, started, updated;
        std::vector<JobRow> jobs;
    };
    std::vector<RunRow> data;
    data.reserve(size_t(shape.runs));
    for (std::int64_t r = 0; r < shape.runs; ++r) {
        const std::int64_t start = runStart(r) * 1000;
        RunRow run { std::to_string(kBaseRunId + r),
                     sha(r),
                     "Change " + std::to_string(r),
                     start - 5000,
                     start,
                     start + 900000,
                     {} };
        for (int j = 0; j < shape.jobs; ++j) {
            const std::int64_t created = (runStart(r) + j) * 1000;
            JobRow job { std::to_string(kBaseJobId + r * 100 + j),
                         kJobNames[j % 10],
                         "[\"ubuntu-latest\"]",
                         created,
                         created + (3 + j % 4) * 1000,
                         0,
                         {} };
            std::int64_t t = job.started;
            for (int s = 1; s <= shape.steps; ++s) {
                const std::int64_t duration = (1 + (s * 7 + j * 3) % 40) * 1000;
                job.steps.push_back({ s, kStepNames[(s - 1) % 13], t, t + duration });
                t += duration;
            }
            job.finished = t;
            run.jobs.push_back(std::move(job));
        }
        data.push_back(std::move(run));
    }

    store::Workspace ws = store::Workspace::create(workspacePath);
    auto& db = ws.db();
    QElapsedTimer timer;
    timer.start();
    db.exec("BEGIN IMMEDIATE");
    auto runInsert = db.prepare("INSERT INTO pipeline_runs (provider, project, external_id, attempt, "
                                "run_number, workflow, name, event, status, conclusion, "
                                "head_sha, head_branch, created_at, started_at, finished_at, duration_ms, "
                                "queued_ms, updated_at, url) "
                                "VALUES ('github', 'acme/shop', ?1, 1, ?2, 'CI', ?3, 'push', 'completed', "
                                "'success', ?4, 'main', ?5, ?6, ?7, ?8, ?9, ?7, ?10)");
    auto jobInsert = db.prepare("INSERT INTO jobs (run_id, external_id, name, stage, status, conclusion, "
                                "created_at, started_at, finished_at, duration_ms, "
                                "queued_ms, updated_at, runner, runner_labels, attempt) "
                                "VALUES (?1, ?2, ?3, 'test', 'completed', 'success', ?4, ?5, ?6, ?7, ?8, ?6, "
                                "'GitHub Actions 1', ?9, 1)");
    auto stepInsert = db.prepare("INSERT INTO steps (job_id, number, name, stage, status, conclusion, "
                                 "started_at, finished_at, duration_ms) "
                                 "VALUES (?1, ?2, ?3, 'test', 'completed', 'success', ?4, ?5, ?6)");
    rows = 0;
    for (const RunRow& run : data) {
        runInsert.reset();
        runInsert.bind(1, run.id)
            .bind(2, std::int64_t(rows))
            .bind(3, run.title)
            .bind(4, run.sha)
            .bind(5, run.created);
        runInsert.bind(6, run.started)
            .bind(7, run.updated)
            .bind(8, run.updated - run.started)
            .bind(9, run.started - run.created);
        runInsert.bind(10, "https://github.com/acme/shop/actions/runs/" + run.id);
        runInsert.exec();
        const std::int64_t runId = db.lastInsertRowId();
        ++rows;
        for (const JobRow& job : run.jobs) {
            jobInsert.reset();
            jobInsert.bind(1, runId)
                .bind(2, job.id)
                .bind(3, job.name)
                .bind(4, job.created)
                .bind(5, job.started);
            jobInsert.bind(6, job.finished)
                .bind(7, job.finished - job.started)
                .bind(8, job.started - job.created)
                .bind(9, job.labels);
            jobInsert.exec();
            const std::int64_t jobId = db.lastInsertRowId();
            ++rows;
            for (const StepRow& step : job.steps) {
                stepInsert.reset();
                stepInsert.bind(1, jobId)
                    .bind(2, step.number)
                    .bind(3, step.name)
                    .bind(4, step.started)
                    .bind(5, step.finished);
                stepInsert.bind(6, step.finished - step.started);
                stepInsert.exec();
                ++rows;
            }
        }
    }
    db.exec("COMMIT");
    return timer.nsecsElapsed() / 1e9;
}

bool parseShape(const QStringList& args, int first, Shape& shape)
{
    for (int i = first; i + 1 < args.size(); i += 2) {
        bool ok = false;
        const std::int64_t v = args[i + 1].toLongLong(&ok);
        if (!ok || v <= 0)
            return false;
        if (args[i] == QLatin1String("--runs"))
            shape.runs = v;
        else if (args[i] == QLatin1String("--jobs"))
            shape.jobs = int(std::min<std::int64_t>(v, 99));
        else if (args[i] == QLatin1String("--steps"))
            shape.steps = int(v);
        else if (args[i] != QLatin1String("--keep"))
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    Shape shape;
    if (args.size() >= 3 && args[1] == QLatin1String("generate")) {
        if (!parseShape(args, 3, shape))
            return 2;
        generate(args[2], shape);
        return 0;
    }
    if (!parseShape(args, 1, shape)) {
        std::fprintf(stderr,
                     "usage: bench_ci_import [--runs N] [--jobs J] [--steps S]\n"
                     "       bench_ci_import generate DIR [--runs N] [--jobs J] [--steps S]\n");
        return 2;
    }
    QTemporaryDir tmp;
    const QString data = tmp.filePath(QStringLiteral("data"));
    generate(data, shape);
    const double mb = (QFile(data + QStringLiteral("/runs.jsonl")).size()
                       + QFile(data + QStringLiteral("/jobs.jsonl")).size())
        / 1e6;

    std::int64_t importRows = 0;
    double importSeconds = 0;
    {
        store::Workspace ws = store::Workspace::create(tmp.filePath(QStringLiteral("import.faultline")));
        importers::ci::CiImportOptions options;
        options.inputs = { data + QStringLiteral("/runs.jsonl"), data + QStringLiteral("/jobs.jsonl") };
        QElapsedTimer timer;
        timer.start();
        const auto report = importers::ci::CiImporter::run(ws, options, {});
        importSeconds = timer.nsecsElapsed() / 1e9;
        importRows = report.rowsWritten;
    }
    const long rssKb = peakRssKb();

    std::int64_t plainRows = 0;
    const double plainSeconds
        = plainInsertLoop(tmp.filePath(QStringLiteral("plain.faultline")), shape, plainRows);

    const double importRate = importRows / importSeconds;
    const double plainRate = plainRows / plainSeconds;
    std::printf("input: %" PRId64 " runs x %d jobs x %d steps, %.1f MB of JSON Lines\n", shape.runs,
                shape.jobs, shape.steps, mb);
    std::printf("import ci          : %10" PRId64
                " rows in %7.2f s = %10.0f rows/s (%.1f MB/s), peak RSS %ld MB\n",
                importRows, importSeconds, importRate, mb / importSeconds, rssKb / 1024);
    std::printf("plain insert loop  : %10" PRId64 " rows in %7.2f s = %10.0f rows/s\n", plainRows,
                plainSeconds, plainRate);
    std::printf("ratio import / plain loop: %.2f (target >= 0.5)\n", importRate / plainRate);
    return 0;
}

// GitHub Actions run and job exports (FORMATS.md §1a–1c): REST runs lists, single runs and
// per-attempt run views, REST jobs lists (also `filter=all`), `gh run list --json` and
// `gh run view --json …,jobs`, and JSON Lines or concatenated pages of any of them. Every JSON
// document (a whole file, a line, a page) is told apart by its own fields, so one file may mix them.
// A REST job needs its run attempt: from the workspace, from an earlier file of the same command
// (the dispatcher imports jobs-only files after the others), or from earlier in the same file.
#include "ci/ci_importers.h"
#include "ci/github_actions_records.h"
#include "common/import_error.h"
#include "common/json_documents.h"

#include <QHash>

#include <string>
#include <vector>

namespace faultline::importers::ci {

namespace {

using json::Node;

constexpr std::int64_t kProgressEveryRecords = 1000;
// The run-row cache only saves lookups; bounded so that a file of millions of runs stays small.
constexpr qsizetype kMaxCachedRuns = 100000;

struct RunKey
{
    QString project;
    QString id;
    int attempt = 1;
    bool operator==(const RunKey&) const = default;
};

size_t qHash(const RunKey& key, size_t seed = 0)
{
    return qHashMulti(seed, key.project, key.id, key.attempt);
}

class GitHubJsonImport
{
public:
    GitHubJsonImport(const CiFile& file, CiContext& ctx)
        : m_file(file)
        , m_ctx(ctx)
        , m_reader(file.path)
        , m_records(ctx, file.path)
    { }

    void run()
    {
        while (const auto root = m_reader.next())
            importDocument(*root);
        m_ctx.progress(m_reader.bytesRead());
        m_records.finish();
    }

private:
    // What a JSON object is, by the fields only that shape has.
    enum class Shape
    {
        RunsPage,
        JobsPage,
        GhRun,
        RestJob,
        RestRun,
        Unknown
    };

    static Shape shapeOf(const Node& n)
    {
        if (n.has("workflow_runs"))
            return Shape::RunsPage;
        if (n.has("databaseId"))
            return Shape::GhRun;
        if (n.has("jobs") && !n.has("id"))
            return Shape::JobsPage;
        if (n.has("run_id"))
            return Shape::RestJob;
        if (n.has("id")
            && (n.has("run_attempt") || n.has("workflow_id") || n.has("run_number") || n.has("head_sha")
                || n.has("jobs_url")))
            return Shape::RestRun;
        return Shape::Unknown;
    }

    void importDocument(const Node& root)
    {
        if (root.isArray()) {
            // `gh run list --json`, or `gh api --paginate --slurp` (an array of pages).
            root.forEach([this](const Node& element) { importObject(element, true); });
            return;
        }
        importObject(root, false);
    }

    void importObject(const Node& n, bool inArray)
    {
        if (!n.isObject())
            n.fail("a GitHub Actions run, job, or page of them (an object)");
        switch (shapeOf(n)) {
        case Shape::RunsPage:
            n["workflow_runs"].forEach([this](const Node& run) {
                if (!run.isObject() || !run.has("id"))
                    run.fail("a workflow run (an object with \"id\")");
                importRestRun(run);
            });
            return;
        case Shape::JobsPage:
            n["jobs"].forEach([this](const Node& job) {
                if (job.isObject() && job.has("databaseId") && !job.has("run_id"))
                    throw ImportError(job.describe(QStringLiteral(
                        "a job of `gh run view --json jobs` without its run; export the run fields with it "
                        "(gh run view RUN_ID --json "
                        "databaseId,attempt,url,workflowName,headSha,status,conclusion,jobs)")));
                if (!job.isObject() || !job.has("run_id"))
                    job.fail("a workflow job (an object with \"run_id\")");
                importRestJob(job);
            });
            return;
        case Shape::GhRun:
            importGhRun(n);
            return;
        case Shape::RestJob:
            importRestJob(n);
            return;
        case Shape::RestRun:
            importRestRun(n);
            return;
        case Shape::Unknown:
            break;
        }
        n.fail(inArray ? "a GitHub Actions run (REST fields, or gh's databaseId/workflowName/…) or job"
                       : "a GitHub Actions runs list ({\"workflow_runs\": […]}), jobs list ({\"jobs\": "
                         "[…]}), run, job, "
                         "or gh run list/view output");
    }

    void importRestRun(const Node& n)
    {
        const store::CiRun run = m_records.restRun(n);
        remember(run, m_ctx.writer().upsertRun(run));
        countRecord();
    }

    void importGhRun(const Node& n)
    {
        const store::CiRun run = m_records.ghRun(n);
        const std::int64_t runId = m_ctx.writer().upsertRun(run);
        remember(run, runId);
        countRecord();
        n["jobs"].forEach([&](const Node& job) {
            if (!job.isObject())
                job.fail("a job (an object)");
            writeJob(runId, m_records.ghJob(job, run.attempt), job);
        });
    }

    void importRestJob(const Node& n)
    {
        const GitHubRecords::JobParent parent = m_records.jobParent(n);
        writeJob(runRowFor(n, parent), m_records.restJob(n, parent.attempt), n);
    }

    void writeJob(std::int64_t runId, const store::CiJob& job, const Node& n)
    {
        bool applied = false;
        const std::int64_t jobId = m_ctx.writer().upsertJob(runId, job, &applied);
        countRecord();
        // An older state of the job than the stored one: its steps are older too.
        if (!applied)
            return;
        m_steps.clear();
        n["steps"].forEach([&](const Node& step) {
            m_steps.push_back(m_records.step(step, job.stage));
            countRecord();
        });
        m_ctx.writer().writeSteps(jobId, m_steps);
    }

    void remember(const store::CiRun& run, std::int64_t rowId)
    {
        remember(RunKey { run.project, run.externalId, run.attempt }, rowId);
    }

    void remember(const RunKey& key, std::int64_t rowId)
    {
        if (m_runRows.size() >= kMaxCachedRuns)
            m_runRows.clear();
        m_runRows.insert(key, rowId);
        m_last = { key, rowId };
    }

    // The run row a REST job belongs to: imported earlier in this command or already in the
    // workspace. An attempt not stored yet is created from another stored attempt of the same run
    // (a `filter=all` jobs list names attempts a runs list does not show); a run with no stored
    // attempt at all is an error, not a guess.
    std::int64_t runRowFor(const Node& job, const GitHubRecords::JobParent& parent)
    {
        const RunKey key { parent.project, parent.runId, parent.attempt };
        if (m_last && m_last->first == key)
            return m_last->second;
        if (auto it = m_runRows.constFind(key); it != m_runRows.constEnd()) {
            m_last = { key, *it };
            return *it;
        }
        store::CiWriter& writer = m_ctx.writer();
        const QString& github = GitHubRecords::provider();
        // Run ids are unique across GitHub, so a run stored without its project (a gh export
        // without "url") is the job's run too.
        std::optional<std::int64_t> rowId
            = writer.findRun(github, parent.project, parent.runId, parent.attempt);
        if (!rowId && !parent.project.isEmpty())
            rowId = writer.findRun(github, QString(), parent.runId, parent.attempt);
        if (!rowId) {
            std::optional<store::CiRun> other = writer.latestRunAttempt(github, QString(), parent.runId);
            if (!other) {
                const QString repo = parent.project.isEmpty() ? QStringLiteral("OWNER/REPO") : parent.project;
                throw ImportError(job["run_id"].describe(
                    QStringLiteral(
                        "run %1 attempt %2 is not in the workspace; import the runs (gh api "
                        "repos/%3/actions/runs, or …/runs/%1/attempts/%2) first or in the same command")
                        .arg(parent.runId)
                        .arg(parent.attempt)
                        .arg(repo)));
            }
            const int knownAttempt = other->attempt;
            const store::CiRun run = m_records.attemptFromSibling(std::move(*other), job, parent);
            rowId = writer.upsertRun(run);
            m_ctx.warn(QStringLiteral("partial-run"), m_file.path, job.origin() ? job.origin()->line : 0,
                       job.path(),
                       QStringLiteral("run %1 attempt %2 is not in the workspace: created from attempt %3 "
                                      "and its jobs, without "
                                      "its status and times (import …/actions/runs/%1/attempts/%2 for them)")
                           .arg(parent.runId)
                           .arg(parent.attempt)
                           .arg(knownAttempt));
            remember(run, *rowId);
        }
        remember(key, *rowId);
        return *rowId;
    }

    void countRecord()
    {
        if (++m_recordCount % kProgressEveryRecords == 0)
            m_ctx.progress(m_reader.bytesRead());
    }

    const CiFile& m_file;
    CiContext& m_ctx;
    json::JsonDocumentReader m_reader;
    GitHubRecords m_records;
    QHash<RunKey, std::int64_t> m_runRows;
    std::optional<std::pair<RunKey, std::int64_t>> m_last;
    std::int64_t m_recordCount = 0;
    std::vector<store::CiStep> m_steps; // of the current job, reused
};

} // namespace

void importGitHubJson(const CiFile& file, CiContext& ctx)
{
    GitHubJsonImport(file, ctx).run();
}

} // namespace faultline::importers::ci

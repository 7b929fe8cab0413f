// One GitHub Actions job's log (FORMATS.md §1d) → findings for the job and its steps.
//
// Two shapes: the raw log (`gh api repos/O/R/actions/jobs/JOB_ID/logs`), lines
// `<BOM?>2024-12-11T18:19:11.2593209Z <text>`; and `gh run view --log` output, rows
// `<job name>\t<step name>\t<raw line>` for any number of jobs of one run. The jobs and their steps
// must already be in the workspace (the jobs JSON, imported before logs in the same command or
// earlier): a log only adds what its lines say — the first error line and its fingerprint, and cache
// hits/misses — to jobs and steps it can name with certainty.
//
// The job of a raw log is --job when given, else a job whose id is a number in the file name
// (job_123.txt), else the one job (of the run --run names, when given) whose started_at/completed_at
// lie within 60 s of the log's first/last lines (a tie broken by the step names of its
// `##[group]Run …` markers). The jobs of `gh run view --log` rows are named by the rows, in the run
// --run or the file name names, else among the jobs that ran when the rows were written. Anything
// else is an error asking for the id: a log is never attached to a guessed job. Lines are mapped to
// steps by GitHubStepMapper (markers and step times) or, in `gh run view --log` rows, by the step
// column (gh's "UNKNOWN STEP" falls back to the mapper).
//
// The file is streamed line by line, twice when the job has to be found by its times.
#include "ci/ci_importers.h"
#include "ci/github_log_lines.h"
#include "ci/github_log_steps.h"
#include "common/import_error.h"

#include <QFile>
#include <QHash>

#include <memory>
#include <vector>

namespace faultline::importers::ci {

namespace {

using store::CiWriter;

const QString& provider()
{
    static const QString name = QStringLiteral("github");
    return name;
}

constexpr std::int64_t kProgressEveryLines = 4096;
constexpr int kQuoteChars = 80;

// `<job>\t<step>\t<rest>`: false when the line has fewer than two tabs.
bool splitRow(QByteArrayView line, QByteArrayView& job, QByteArrayView& step, QByteArrayView& rest)
{
    const qsizetype first = line.indexOf('\t');
    if (first < 0)
        return false;
    const qsizetype second = line.sliced(first + 1).indexOf('\t');
    if (second < 0)
        return false;
    job = line.first(first);
    step = line.sliced(first + 1, second);
    rest = line.sliced(first + 1 + second + 1);
    return true;
}

enum class Shape
{
    Raw,
    RunView
};

class JobLogImport
{
public:
    JobLogImport(const CiFile& file, CiContext& ctx)
        : m_file(file)
        , m_ctx(ctx)
        , m_writer(ctx.writer())
    { }

    void run()
    {
        const Shape shape = detectShape();
        if (shape == Shape::Raw)
            importRaw();
        else
            importRunView();
    }

private:
    // Streams the file; `pass` counts the passes so far, for progress.
    template <typename Fn> void forEachLine(Fn&& fn)
    {
        QFile file(m_file.path);
        if (!file.open(QIODevice::ReadOnly))
            throw ImportError(QStringLiteral("%1: cannot read: %2").arg(m_file.path, file.errorString()));
        const std::int64_t size = file.size();
        LogLineReader reader([&](char* buffer, std::int64_t max) {
            const qint64 n = file.read(buffer, max);
            if (n < 0)
                throw ImportError(QStringLiteral("%1: cannot read: %2").arg(m_file.path, file.errorString()));
            return std::int64_t(n);
        });
        QByteArray line;
        while (reader.next(line)) {
            if (reader.lineNumber() % kProgressEveryLines == 0)
                reportProgress(reader.bytesRead(), size);
            fn(line, reader.lineNumber());
        }
        reportProgress(size, size);
        ++m_passes;
    }

    // The first pass (finding the job) counts as the first half of the file.
    void reportProgress(std::int64_t done, std::int64_t size)
    {
        if (m_twoPasses)
            m_ctx.progress(m_passes == 0 ? done / 2 : size / 2 + done / 2);
        else
            m_ctx.progress(done);
    }

    Shape detectShape()
    {
        std::optional<Shape> shape;
        qint64 lineNumber = 0;
        QByteArray quoted;
        QFile file(m_file.path);
        if (!file.open(QIODevice::ReadOnly))
            throw ImportError(QStringLiteral("%1: cannot read: %2").arg(m_file.path, file.errorString()));
        LogLineReader reader(
            [&](char* buffer, std::int64_t max) { return std::int64_t(file.read(buffer, max)); });
        QByteArray line;
        while (reader.next(line)) {
            if (withoutBom(line).trimmed().isEmpty())
                continue;
            lineNumber = reader.lineNumber();
            QByteArrayView job, step, rest;
            if (gitHubTimestampLength(line) > 0)
                shape = Shape::Raw;
            else if (splitRow(withoutBom(line), job, step, rest) && gitHubTimestampLength(rest) > 0)
                shape = Shape::RunView;
            quoted = withoutBom(line)
                         .first(std::min<qsizetype>(withoutBom(line).size(), kQuoteChars))
                         .toByteArray();
            break;
        }
        if (lineNumber == 0)
            throw ImportError(
                QStringLiteral("%1: the file is empty; expected a GitHub Actions job log").arg(m_file.path));
        if (!shape)
            throw ImportError(
                QStringLiteral(
                    "%1:%2: not a GitHub Actions job log: expected lines "
                    "`<timestamp> <text>` (2024-12-11T18:19:11.2593209Z Current runner version: …) "
                    "or `gh run view --log` rows `<job>\\t<step>\\t<timestamp> <text>`, found \"%3\"")
                    .arg(m_file.path)
                    .arg(lineNumber)
                    .arg(QString::fromUtf8(quoted)));
        return *shape;
    }

    QString serviceOf(std::int64_t jobId)
    {
        const auto context = m_writer.jobContext(jobId);
        return context ? context->project : QString();
    }

    CiWriter::JobRef jobFromOption()
    {
        const QString& id = m_ctx.options().jobId;
        auto job = m_writer.findJob(provider(), id);
        if (!job)
            throw ImportError(
                QStringLiteral("%1: job %2 (--job) is not in the workspace; import the run's jobs JSON first "
                               "(gh api repos/OWNER/REPO/actions/runs/RUN_ID/jobs)")
                    .arg(m_file.path, id));
        return *job;
    }

    std::optional<CiWriter::JobRef> jobFromFileName()
    {
        for (const QString& number : numbersInFileName(m_file.path))
            if (auto job = m_writer.findJob(provider(), number))
                return job;
        return std::nullopt;
    }

    // ---- raw job log ----

    void importRaw()
    {
        std::optional<CiWriter::JobRef> job;
        if (!m_ctx.options().jobId.isEmpty())
            job = jobFromOption();
        else
            job = jobFromFileName();
        if (!job) {
            m_twoPasses = true;
            GitHubLogSpan span;
            forEachLine([&](const QByteArray& line, qint64) {
                const GitHubLogLine parsed = parseGitHubLogLine(line, m_ctx.time());
                span.add(parsed.timestamp, parsed.text);
            });
            std::vector<CiWriter::JobRef> candidates
                = m_writer.jobsOverlapping(provider(), span.first.value_or(0) - kJobMatchToleranceMs,
                                           span.last.value_or(0) + kJobMatchToleranceMs);
            if (const QString& run = m_ctx.options().runId; !run.isEmpty())
                std::erase_if(candidates, [&](const CiWriter::JobRef& j) { return j.runExternalId != run; });
            int fitting = 0;
            job = pickJobForLog(candidates, span, m_writer, &fitting);
            if (!job)
                throw ImportError(
                    QStringLiteral(
                        "%1: cannot tell which job this log belongs to (%2 candidates); pass --job ID, "
                        "and import the run's jobs JSON first so that the log's times can be "
                        "matched to its job")
                        .arg(m_file.path)
                        .arg(fitting));
        }

        GitHubJobLogScan scan(*job, serviceOf(job->id), m_writer.stepsOfJob(job->id));
        forEachLine([&](const QByteArray& line, qint64) {
            const GitHubLogLine parsed = parseGitHubLogLine(line, m_ctx.time());
            scan.addLine(parsed.timestamp, parsed.text);
        });
        scan.write(m_writer);
    }

    // ---- gh run view --log ----

    struct Group
    {
        QString jobName;
        qint64 firstLine = 0;
        GitHubLogSpan span;
        std::optional<CiWriter::JobRef> job;
        std::unique_ptr<GitHubJobLogScan> scan;
    };

    // Rows grouped by job; a line without the two tabs continues the previous row's job.
    template <typename Fn> void forEachRow(Fn&& fn)
    {
        int current = -1;
        forEachLine([&](const QByteArray& line, qint64 lineNumber) {
            QByteArrayView job, step, rest;
            QString stepName;
            if (splitRow(withoutBom(line), job, step, rest)) {
                const QString name = QString::fromUtf8(job);
                auto it = m_groupIndex.constFind(name);
                if (it == m_groupIndex.constEnd()) {
                    it = m_groupIndex.insert(name, int(m_groups.size()));
                    auto group = std::make_unique<Group>();
                    group->jobName = name;
                    group->firstLine = lineNumber;
                    m_groups.push_back(std::move(group));
                }
                current = *it;
                stepName = QString::fromUtf8(step);
            } else {
                rest = line;
            }
            if (current >= 0)
                fn(*m_groups[size_t(current)], stepName, parseGitHubLogLine(rest, m_ctx.time()));
        });
    }

    void importRunView()
    {
        m_twoPasses = true;
        forEachRow([](Group& group, const QString&, const GitHubLogLine& line) {
            group.span.add(line.timestamp, line.text);
        });

        std::vector<CiWriter::RunRef> runs;
        const QString& runId = m_ctx.options().runId;
        if (!runId.isEmpty()) {
            runs = m_writer.runsWithExternalId(provider(), runId);
            if (runs.empty())
                throw ImportError(
                    QStringLiteral(
                        "%1: run %2 (--run) is not in the workspace; import its runs and jobs JSON first")
                        .arg(m_file.path, runId));
        } else {
            for (const QString& number : numbersInFileName(m_file.path)) {
                runs = m_writer.runsWithExternalId(provider(), number);
                if (!runs.empty())
                    break;
            }
        }
        std::optional<CiWriter::JobRef> optionJob;
        if (!m_ctx.options().jobId.isEmpty())
            optionJob = jobFromOption();

        for (auto& group : m_groups) {
            if (optionJob && (m_groups.size() == 1 || optionJob->name == group->jobName)) {
                group->job = optionJob;
            } else {
                std::vector<CiWriter::JobRef> candidates;
                if (!runs.empty()) {
                    for (const auto& run : runs)
                        for (auto& job : m_writer.jobsOfRun(run.id))
                            if (job.name == group->jobName)
                                candidates.push_back(std::move(job));
                } else if (group->span.hasTimes()) {
                    candidates
                        = m_writer.jobsOverlapping(provider(), *group->span.first - kJobMatchToleranceMs,
                                                   *group->span.last + kJobMatchToleranceMs);
                    std::erase_if(candidates,
                                  [&](const CiWriter::JobRef& j) { return j.name != group->jobName; });
                }
                int fitting = int(candidates.size());
                if (candidates.size() == 1 && !runs.empty())
                    group->job = candidates.front(); // the named run has one job of that name
                else
                    group->job = pickJobForLog(candidates, group->span, m_writer, &fitting);
                if (!group->job)
                    throw ImportError(
                        QStringLiteral(
                            "%1:%2: cannot tell which job the rows of \"%3\" belong to (%4 candidates); "
                            "pass --run ID, and import the run's jobs JSON first")
                            .arg(m_file.path)
                            .arg(group->firstLine)
                            .arg(group->jobName)
                            .arg(fitting));
            }
            group->scan = std::make_unique<GitHubJobLogScan>(*group->job, serviceOf(group->job->id),
                                                             m_writer.stepsOfJob(group->job->id));
        }

        static const QString unknownStep
            = QStringLiteral("UNKNOWN STEP"); // gh's label when the zip lacked step logs
        forEachRow([](Group& group, const QString& step, const GitHubLogLine& line) {
            group.scan->addLine(line.timestamp, line.text,
                                step == unknownStep ? QStringView() : QStringView(step));
        });
        for (const auto& group : m_groups)
            group->scan->write(m_writer);
    }

    const CiFile& m_file;
    CiContext& m_ctx;
    CiWriter& m_writer;
    bool m_twoPasses = false;
    int m_passes = 0;
    std::vector<std::unique_ptr<Group>> m_groups;
    QHash<QString, int> m_groupIndex;
};

} // namespace

void importGitHubJobLog(const CiFile& file, CiContext& ctx)
{
    JobLogImport(file, ctx).run();
}

} // namespace faultline::importers::ci

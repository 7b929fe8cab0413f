// A GitLab job trace (`glab ci trace JOB_ID > job.log`, FORMATS.md §2d) → the steps of its job.
//
// Each top-level section (runner sections such as prepare_executor, get_sources, step_script, or a
// top-level user section) becomes one step, numbered in order, timed by its markers (whole
// seconds). Sections opened inside an open section (user sections within step_script) only add
// their lines to the enclosing step. Each step's lines go through a LogScanner (error line, cache
// hit/miss); all lines of the trace go through one more for the job.
//
// The job is --job when given, else the job whose id is a number in the file name (job_123.log;
// not when that job ran more than 10 minutes away from the trace's times), else the job whose
// start and finish lie closest to the trace's first and last section times (or, without sections,
// its FF_TIMESTAMPS line times), each within 60 s, and clearly closer than any other (by 5 s or
// more; parallel jobs are not). Anything else is an error that asks for --job: a trace is never
// attached to a guessed job.
#include "ci/ci_importers.h"
#include "ci/ci_values.h"
#include "ci/gitlab_trace_reader.h"
#include "ci/log_scanner.h"
#include "common/import_error.h"
#include "common/time_order.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace faultline::importers::ci {

namespace {

const QString& provider()
{
    static const QString name = QStringLiteral("gitlab");
    return name;
}

// GitLab section times are whole seconds, and the runner opens its first section a moment after
// the job starts and closes its last one a moment before it finishes.
constexpr std::int64_t kMatchSlackMs = 60'000;
// Candidates whose summed start and finish gaps differ by less than this are equally likely: the
// trace's times are whole seconds and the runner needs a moment at either end.
constexpr std::int64_t kTieMs = 5'000;
// A number in the file name names the job unless the job ran far from the trace's times: then the
// digits were something else (log1.txt).
constexpr std::int64_t kFileNameSlackMs = 10 * 60'000;
// A garbled trace could hold any number of stray markers: the first ones say enough.
constexpr int kMaxWarningsPerKind = 20;

// The runner sections the stage rules (resources/ci_stages.json) cannot place: the script
// sections are the job's own work (`build_script` would otherwise read as "build" in every job),
// and cleanup_file_variables is runner bookkeeping. The other runner sections get their stage from
// the rules: prepare_executor/prepare_script, restore_cache, download_artifacts → setup;
// get_sources → checkout; archive_cache, upload_artifacts_on_success/failure → package.
QString sectionStage(const QString& name, const QString& jobStage, const StageRules& rules)
{
    if (name.startsWith(QLatin1String("step_")) || name == QLatin1String("build_script")
        || name == QLatin1String("after_script"))
        return jobStage.isEmpty() ? QStringLiteral("other") : jobStage;
    if (name == QLatin1String("cleanup_file_variables"))
        return QStringLiteral("other");
    return rules.stepStage(name, jobStage);
}

struct TraceStep
{
    QString name;
    std::int64_t startedAt = 0;
    std::optional<std::int64_t> finishedAt;
    qint64 line = 0;
    LogScanner scanner;
};

// What one pass over the trace found.
struct Trace
{
    std::vector<TraceStep> steps;
    LogScanner job;
    std::optional<std::int64_t> firstSectionMs, lastSectionMs;
    std::optional<std::int64_t> firstLineMs, lastLineMs;
    qint64 textLines = 0;

    std::optional<std::int64_t> first() const { return firstSectionMs ? firstSectionMs : firstLineMs; }
    std::optional<std::int64_t> last() const { return lastSectionMs ? lastSectionMs : lastLineMs; }
};

void widen(std::optional<std::int64_t>& first, std::optional<std::int64_t>& last, std::int64_t ms)
{
    if (!first || ms < *first)
        first = ms;
    if (!last || ms > *last)
        last = ms;
}

// Both markers are the runner's clock: an end more than the clock-skew tolerance before its start is
// refused; a smaller skew gives the step no duration and a warning.
void checkSectionOrder(const TraceStep& step, const GitLabTraceEvent& end, const CiFile& file, CiContext& ctx)
{
    const TimeOrder order = TimeOrder::compare(QStringLiteral("section_start:") + step.name, step.startedAt,
                                               QStringLiteral("section_end:") + step.name, end.markerMs);
    if (order.refused())
        throw ImportError(QStringLiteral("%1:%2: %3").arg(file.path).arg(end.line).arg(order.problem()));
    if (order.skewed())
        ctx.warn(QStringLiteral("inconsistent"), file.path, end.line, step.name,
                 order.problem() + QStringLiteral("; no duration recorded"));
}

Trace readTrace(const CiFile& file, CiContext& ctx)
{
    GitLabTraceReader reader(file.path, ctx.time());
    Trace trace;
    std::vector<QString> open; // names of the open sections, outermost first
    int unmatched = 0;
    reader.read(
        [&](const GitLabTraceEvent& e) {
            if (e.lineMs)
                widen(trace.firstLineMs, trace.lastLineMs, *e.lineMs);
            switch (e.kind) {
            case GitLabTraceEvent::Kind::Text:
                ++trace.textLines;
                trace.job.addLine(e.text);
                if (!open.empty())
                    trace.steps.back().scanner.addLine(e.text);
                break;
            case GitLabTraceEvent::Kind::SectionStart:
                widen(trace.firstSectionMs, trace.lastSectionMs, e.markerMs);
                if (open.empty())
                    trace.steps.push_back({ e.text, e.markerMs, std::nullopt, e.line, {} });
                open.push_back(e.text);
                break;
            case GitLabTraceEvent::Kind::SectionEnd: {
                widen(trace.firstSectionMs, trace.lastSectionMs, e.markerMs);
                const auto it = std::find(open.rbegin(), open.rend(), e.text);
                if (it == open.rend()) {
                    if (++unmatched <= kMaxWarningsPerKind)
                        ctx.warn(
                            QStringLiteral("unmatched-section"), file.path, e.line, e.text,
                            QStringLiteral("section_end:%1 without an open section of that name; ignored")
                                .arg(e.text));
                    break;
                }
                // Closing a section also closes the ones left open inside it.
                open.erase(std::prev(it.base()), open.end());
                if (open.empty()) {
                    checkSectionOrder(trace.steps.back(), e, file, ctx);
                    trace.steps.back().finishedAt = e.markerMs;
                }
                break;
            }
            }
        },
        [&ctx](std::int64_t bytes) { ctx.progress(bytes); });
    int unclosed = 0;
    for (const TraceStep& step : trace.steps) {
        if (!step.finishedAt && ++unclosed <= kMaxWarningsPerKind)
            ctx.warn(
                QStringLiteral("unclosed-section"), file.path, step.line, step.name,
                QStringLiteral(
                    "section %1 has no section_end (a cut or running trace); its step has no finish time")
                    .arg(step.name));
    }
    return trace;
}

QString describeJob(const store::CiWriter::JobRef& job)
{
    return QStringLiteral("%1 (%2)").arg(job.externalId, job.name);
}

QString askForJob()
{
    return QStringLiteral(
        "pass --job JOB_ID (and import the pipeline's jobs JSON first, in the same or an earlier command)");
}

// The job a number in the file name names, when there is exactly one and its times do not
// contradict the trace's.
std::optional<store::CiWriter::JobRef> jobFromFileName(const QString& path, const Trace& trace,
                                                       store::CiWriter& writer)
{
    static const QRegularExpression digits(QStringLiteral(R"(\d+)"));
    std::vector<store::CiWriter::JobRef> found;
    auto it = digits.globalMatch(QFileInfo(path).fileName());
    while (it.hasNext()) {
        const QString id = it.next().captured();
        auto job = writer.findJob(provider(), id);
        if (!job || std::any_of(found.begin(), found.end(), [&](const auto& f) { return f.id == job->id; }))
            continue;
        const auto first = trace.first();
        const auto last = trace.last();
        const bool far = first && last && job->startedAt
            && (*last < *job->startedAt - kFileNameSlackMs
                || *first > job->finishedAt.value_or(*job->startedAt) + kFileNameSlackMs);
        if (!far)
            found.push_back(*job);
    }
    if (found.size() == 1)
        return found.front();
    return std::nullopt;
}

store::CiWriter::JobRef jobByTime(const CiFile& file, const Trace& trace, store::CiWriter& writer)
{
    const auto first = trace.first();
    const auto last = trace.last();
    if (!first || !last)
        throw ImportError(
            QStringLiteral(
                "%1: cannot tell which GitLab job this trace belongs to: no job id in the file name, and "
                "neither section markers nor FF_TIMESTAMPS times to match a job by; %2")
                .arg(file.path, askForJob()));
    struct Match
    {
        store::CiWriter::JobRef job;
        std::int64_t distance = 0; // |Δstart| + |Δfinish|
    };
    std::vector<Match> matches;
    for (const auto& job :
         writer.jobsOverlapping(provider(), *first - kMatchSlackMs, *last + kMatchSlackMs)) {
        if (!job.startedAt)
            continue;
        const std::int64_t startGap = std::llabs(*job.startedAt - *first);
        // A job still running has no finish: its start gap stands for both ends.
        const std::int64_t finishGap = job.finishedAt ? std::llabs(*job.finishedAt - *last) : startGap;
        if (startGap <= kMatchSlackMs && finishGap <= kMatchSlackMs)
            matches.push_back({ job, startGap + finishGap });
    }
    const QString window = QStringLiteral("%1 – %2").arg(formatUtc(*first), formatUtc(*last));
    if (matches.empty())
        throw ImportError(
            QStringLiteral(
                "%1: no GitLab job in the workspace started and finished within 60 s of this trace "
                "(%2); %3")
                .arg(file.path, window, askForJob()));
    std::sort(matches.begin(), matches.end(),
              [](const Match& a, const Match& b) { return a.distance < b.distance; });
    // Jobs closer to each other than the markers' resolution allows to tell apart (parallel jobs).
    const auto tied = std::find_if(matches.begin() + 1, matches.end(), [&](const Match& m) {
        return m.distance - matches.front().distance >= kTieMs;
    });
    if (tied - matches.begin() > 1) {
        QStringList names;
        for (auto it = matches.begin(); it != tied; ++it)
            names << describeJob(it->job);
        throw ImportError(
            QStringLiteral(
                "%1: this trace (%2) matches %3 GitLab jobs by time: %4; pass --job JOB_ID to say which")
                .arg(file.path, window)
                .arg(tied - matches.begin())
                .arg(names.join(QStringLiteral(", "))));
    }
    return matches.front().job;
}

store::CiWriter::JobRef findTraceJob(const CiFile& file, const Trace& trace, CiContext& ctx)
{
    auto& writer = ctx.writer();
    const QString given = ctx.options().jobId;
    if (!given.isEmpty()) {
        if (auto job = writer.findJob(provider(), given))
            return *job;
        throw ImportError(
            QStringLiteral(
                "%1: --job %2: no GitLab job with this id in the workspace; import the pipeline's jobs "
                "JSON first (in the same or an earlier command)")
                .arg(file.path, given));
    }
    if (auto job = jobFromFileName(file.path, trace, writer))
        return *job;
    return jobByTime(file, trace, writer);
}

} // namespace

void importGitLabTrace(const CiFile& file, CiContext& ctx)
{
    const Trace trace = readTrace(file, ctx);
    const auto job = findTraceJob(file, trace, ctx);
    auto& writer = ctx.writer();
    const auto context = writer.jobContext(job.id);
    const QString jobStage = context ? context->stage : QString();
    const QString project = context ? context->project : QString();

    QString errorStep;
    const store::CiLogFindings jobFindings = trace.job.findings();
    for (size_t i = 0; i < trace.steps.size(); ++i) {
        const TraceStep& section = trace.steps[i];
        store::CiStep step;
        step.number = int(i + 1);
        step.name = section.name;
        step.stage = sectionStage(section.name, jobStage, ctx.stages());
        step.startedAt = section.startedAt;
        step.finishedAt = section.finishedAt;
        // A section that ended before it started (within the tolerance; warned) has no duration.
        if (section.finishedAt && *section.finishedAt >= section.startedAt)
            step.durationMs = *section.finishedAt - section.startedAt;
        const std::int64_t stepId = writer.upsertStep(job.id, step);
        const store::CiLogFindings findings = section.scanner.findings();
        if (!findings.errorLine.isEmpty() || !findings.cache.isEmpty())
            writer.setStepFindings(stepId, findings, project,
                                   ciFailureFingerprint(section.name, findings.errorLine));
        if (errorStep.isEmpty() && !jobFindings.errorLine.isEmpty()
            && findings.errorLine == jobFindings.errorLine)
            errorStep = section.name;
    }
    if (!jobFindings.errorLine.isEmpty() || !jobFindings.cache.isEmpty())
        writer.setJobFindings(job.id, jobFindings, errorStep, project,
                              ciFailureFingerprint(job.name, jobFindings.errorLine));
    if (trace.steps.empty() && trace.textLines == 0)
        ctx.warn(QStringLiteral("empty-trace"), file.path, 0, QString(),
                 QStringLiteral("the trace holds no output lines"));
}

} // namespace faultline::importers::ci

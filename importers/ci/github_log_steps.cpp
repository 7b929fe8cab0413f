#include "ci/github_log_steps.h"

#include "ci/ci_values.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cstdlib>

namespace faultline::importers::ci {

namespace {

using store::CiWriter;

constexpr std::int64_t kSecondMs = 1000;

std::int64_t floorSecond(std::int64_t ms)
{
    return ms - (((ms % kSecondMs) + kSecondMs) % kSecondMs);
}

// Steps the runner adds around the workflow's own: they never open with a `##[group]Run` marker.
bool opensWithRunMarker(const CiWriter::StepRef& step)
{
    const QString& n = step.name;
    return n != QLatin1String("Set up job") && n != QLatin1String("Complete job")
        && n != QLatin1String("Initialize containers") && n != QLatin1String("Stop containers")
        && !n.startsWith(QLatin1String("Post "))
        && !n.startsWith(QLatin1String("Build container for action use"));
}

// First lines of the runner's "Complete job" step.
bool opensCompleteJob(QStringView text)
{
    return text == QLatin1String("Evaluate and set job outputs")
        || text == QLatin1String("Cleaning up orphan processes");
}

} // namespace

GitHubStepMapper::GitHubStepMapper(std::vector<CiWriter::StepRef> steps)
    : m_steps(std::move(steps))
{
    std::sort(m_steps.begin(), m_steps.end(),
              [](const auto& a, const auto& b) { return a.number < b.number; });
    m_hasTimes
        = std::any_of(m_steps.begin(), m_steps.end(), [](const auto& s) { return s.startedAt.has_value(); });
}

bool GitHubStepMapper::inWindow(int index, std::int64_t timestamp) const
{
    const auto& s = m_steps[size_t(index)];
    if (!s.startedAt)
        return false;
    if (timestamp < floorSecond(*s.startedAt))
        return false;
    return !s.finishedAt || timestamp < floorSecond(*s.finishedAt) + kSecondMs;
}

bool GitHubStepMapper::endedBefore(int index, std::int64_t timestamp) const
{
    const auto& s = m_steps[size_t(index)];
    return s.finishedAt && timestamp >= floorSecond(*s.finishedAt) + kSecondMs;
}

bool GitHubStepMapper::startsAfter(int index, std::int64_t timestamp) const
{
    const auto& s = m_steps[size_t(index)];
    return s.startedAt && timestamp < floorSecond(*s.startedAt);
}

int GitHubStepMapper::findByName(QStringView name, int from) const
{
    for (int i = std::max(from, 0); i < int(m_steps.size()); ++i)
        if (m_steps[size_t(i)].name == name)
            return i;
    return -1;
}

int GitHubStepMapper::findMarkerStep(const QString& label, int from) const
{
    const QStringView command = QStringView(label).sliced(4); // without "Run "
    for (int i = std::max(from, 0); i < int(m_steps.size()); ++i) {
        const QString name = m_steps[size_t(i)].name.trimmed();
        if (name == label || name == command)
            return i;
    }
    return -1;
}

int GitHubStepMapper::moveTo(int index, bool marker)
{
    if (index != m_current) {
        m_current = index;
        m_currentHasMarker = false;
    }
    if (marker)
        m_currentHasMarker = true;
    return m_current;
}

int GitHubStepMapper::openByMarker(const QString& label, std::optional<std::int64_t> timestamp)
{
    const int from = m_current < 0 ? 0 : (m_currentHasMarker ? m_current + 1 : m_current);
    if (const int named = findMarkerStep(label, from); named >= 0)
        return moveTo(named, true);
    // A step the workflow names itself: its marker shows the command instead, so it goes to the
    // next step that opens with a marker.
    int next = -1;
    for (int i = m_current + 1; i < int(m_steps.size()); ++i) {
        if (!opensWithRunMarker(m_steps[size_t(i)]))
            continue;
        if (timestamp && endedBefore(i, *timestamp))
            continue; // a step that finished before this line: skipped, it logged nothing
        next = i;
        break;
    }
    const bool nextHasBegun = next >= 0 && !(timestamp && startsAfter(next, *timestamp));
    // The current step takes it when it has not had its marker yet (the times moved the log into
    // it a moment early) and the next one has not begun; a runner step in between such as
    // "Pull <image>" never has one.
    if (m_current >= 0 && !m_currentHasMarker && opensWithRunMarker(m_steps[size_t(m_current)])
        && (!timestamp || !endedBefore(m_current, *timestamp)) && !nextHasBegun)
        return moveTo(m_current, true);
    if (nextHasBegun)
        return moveTo(next, true);
    // The next step has not begun: an inner step of a composite action.
    return moveTo(std::max(m_current, 0), false);
}

int GitHubStepMapper::assign(std::optional<std::int64_t> timestamp, QStringView text, QStringView stepName)
{
    if (m_steps.empty())
        return -1;
    const QString label = runMarkerLabel(text);
    if (!stepName.isEmpty()) {
        int named = findByName(stepName, m_current);
        if (named < 0)
            named = findByName(stepName, 0);
        if (named >= 0)
            return moveTo(named, !label.isEmpty());
    }
    if (!label.isEmpty())
        return openByMarker(label, timestamp);
    if (text == QLatin1String("Post job cleanup.")) {
        for (int i = m_current + 1; i < int(m_steps.size()); ++i)
            if (m_steps[size_t(i)].name.startsWith(QLatin1String("Post ")))
                return moveTo(i, true);
    } else if (opensCompleteJob(text)) {
        for (int i = m_current + 1; i < int(m_steps.size()); ++i)
            if (m_steps[size_t(i)].name == QLatin1String("Complete job"))
                return moveTo(i, true);
    }
    if (timestamp && m_hasTimes) {
        if (m_current >= 0 && inWindow(m_current, *timestamp))
            return m_current;
        for (int i = m_current + 1; i < int(m_steps.size()); ++i)
            if (inWindow(i, *timestamp))
                return moveTo(i, false);
    }
    // Before the first step's start (the queue lines) or between two steps: where the log is.
    return moveTo(std::max(m_current, 0), false);
}

GitHubJobLogScan::GitHubJobLogScan(const CiWriter::JobRef& job, QString service,
                                   std::vector<CiWriter::StepRef> steps)
    : m_job(job)
    , m_service(std::move(service))
    , m_mapper(std::move(steps))
{
    for (const auto& s : m_mapper.steps()) {
        StepScan scan;
        scan.name = s.name;
        scan.number = s.number;
        scan.id = s.id;
        m_steps.push_back(std::move(scan));
    }
}

void GitHubJobLogScan::feed(int index, QStringView text)
{
    m_jobScanner.addLine(text);
    if (index < 0) {
        ++m_linesWithoutStep;
        return;
    }
    StepScan& step = m_steps[size_t(index)];
    if (step.lines++ == 0)
        m_order.push_back(index);
    step.scanner.addLine(text);
}

void GitHubJobLogScan::addLine(std::optional<std::int64_t> timestamp, QStringView text, QStringView stepName)
{
    feed(m_mapper.assign(timestamp, text, stepName), text);
}

bool GitHubJobLogScan::addStepLine(int stepNumber, const QString& stepName, QStringView text)
{
    auto it = std::find_if(m_steps.begin(), m_steps.end(),
                           [&](const StepScan& s) { return s.number == stepNumber; });
    const bool known = it != m_steps.end() && it->id;
    if (it == m_steps.end()) {
        StepScan scan;
        scan.name = stepName;
        scan.number = stepNumber;
        m_steps.push_back(std::move(scan));
        it = m_steps.end() - 1;
    }
    feed(int(it - m_steps.begin()), text);
    return known;
}

void GitHubJobLogScan::write(CiWriter& writer) const
{
    for (int index : m_order) {
        const StepScan& step = m_steps[size_t(index)];
        if (!step.id)
            continue;
        const store::CiLogFindings f = step.scanner.findings();
        writer.setStepFindings(*step.id, f, m_service, ciFailureFingerprint(step.name, f.errorLine));
    }
    const store::CiLogFindings f = m_jobScanner.findings();
    QString errorStep;
    if (!f.errorLine.isEmpty()) {
        // The steps are contiguous runs of the log, so the first step (in log order) whose own
        // error line is the job's is where the job's came from.
        for (int index : m_order) {
            const StepScan& step = m_steps[size_t(index)];
            if (step.scanner.hasError() && step.scanner.findings().errorLine == f.errorLine) {
                errorStep = step.name;
                break;
            }
        }
    }
    writer.setJobFindings(m_job.id, f, errorStep, m_service, ciFailureFingerprint(m_job.name, f.errorLine));
}

std::vector<std::pair<QString, std::int64_t>> GitHubJobLogScan::linesPerStep() const
{
    std::vector<std::pair<QString, std::int64_t>> counts;
    if (m_linesWithoutStep > 0)
        counts.emplace_back(QString(), m_linesWithoutStep);
    std::vector<int> indexes = m_order;
    std::sort(indexes.begin(), indexes.end(),
              [this](int a, int b) { return m_steps[size_t(a)].number < m_steps[size_t(b)].number; });
    for (int index : indexes)
        counts.emplace_back(m_steps[size_t(index)].name, m_steps[size_t(index)].lines);
    return counts;
}

std::optional<std::int64_t> jobDistance(const CiWriter::JobRef& job, const GitHubLogSpan& span)
{
    if (!span.first || !job.startedAt)
        return std::nullopt;
    std::int64_t start = std::abs(*job.startedAt - *span.first);
    if (span.runnerStart)
        start = std::min(start, std::abs(*job.startedAt - *span.runnerStart));
    std::int64_t end = 0;
    if (job.finishedAt && span.last)
        end = std::abs(*job.finishedAt - *span.last);
    if (start > kJobMatchToleranceMs || end > kJobMatchToleranceMs)
        return std::nullopt;
    return start + end;
}

std::optional<CiWriter::JobRef> pickJobForLog(const std::vector<CiWriter::JobRef>& candidates,
                                              const GitHubLogSpan& span, CiWriter& writer, int* fitting)
{
    std::vector<std::pair<std::int64_t, const CiWriter::JobRef*>> fits;
    for (const auto& job : candidates)
        if (const auto d = jobDistance(job, span))
            fits.emplace_back(*d, &job);
    if (fitting)
        *fitting = int(fits.size());
    if (fits.empty())
        return std::nullopt;
    std::stable_sort(fits.begin(), fits.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const CiWriter::JobRef*> best;
    for (const auto& [distance, job] : fits)
        if (distance == fits.front().first)
            best.push_back(job);
    if (best.size() == 1)
        return *best.front();

    // Equally close (matrix jobs started and finished in the same seconds): the job whose steps the
    // log's markers name.
    int bestScore = -1;
    const CiWriter::JobRef* winner = nullptr;
    bool tie = false;
    for (const CiWriter::JobRef* job : best) {
        int score = 0;
        for (const auto& step : writer.stepsOfJob(job->id)) {
            const QString name = step.name.trimmed();
            if (span.markerLabels.contains(name) || span.markerLabels.contains(QLatin1String("Run ") + name))
                ++score;
        }
        if (score > bestScore) {
            bestScore = score;
            winner = job;
            tie = false;
        } else if (score == bestScore) {
            tie = true;
        }
    }
    if (tie || !winner)
        return std::nullopt;
    return *winner;
}

QStringList numbersInFileName(const QString& path)
{
    static const QRegularExpression digits(QStringLiteral(R"(\d+)"));
    QStringList numbers;
    auto it = digits.globalMatch(QFileInfo(path).completeBaseName());
    while (it.hasNext())
        numbers << it.next().captured();
    std::stable_sort(numbers.begin(), numbers.end(),
                     [](const QString& a, const QString& b) { return a.size() > b.size(); });
    numbers.removeDuplicates();
    return numbers;
}

} // namespace faultline::importers::ci

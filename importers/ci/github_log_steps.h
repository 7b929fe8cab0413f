#pragma once

#include "ci/github_log_lines.h"
#include "ci/log_scanner.h"
#include "store/ci_writer.h"

#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::importers::ci {

// Assigns the lines of a whole-job log, in order, to the job's steps (FORMATS.md §1d/§1e):
//  - a `##[group]Run …` marker opens the step whose name is that "Run …" label (GitHub's name for a
//    step the workflow does not name), else the next step that opens with such a marker, in order;
//    "Post job cleanup." opens the next "Post …" step;
//  - other lines go by the steps' started_at/completed_at (whole seconds, so a step's window runs to
//    the end of its completion second): a line stays in the current step while its time lies in
//    the step's window, else moves on to the first later step whose window holds it.
// A marker that names its step wins over the times. An unnamed marker whose time lies before the
// next step's start is one of a composite action's inner steps and stays where it is. Steps are
// never revisited: the log is in time order, the step times only to the second.
class GitHubStepMapper
{
public:
    explicit GitHubStepMapper(std::vector<store::CiWriter::StepRef> steps);

    // Index into steps() of the line's step; -1 when the job has no steps. `stepName`, when given
    // (a `gh run view --log` row), names the step outright.
    int assign(std::optional<std::int64_t> timestamp, QStringView text, QStringView stepName = {});
    const std::vector<store::CiWriter::StepRef>& steps() const { return m_steps; }

private:
    bool inWindow(int index, std::int64_t timestamp) const;
    bool endedBefore(int index, std::int64_t timestamp) const;
    bool startsAfter(int index, std::int64_t timestamp) const;
    int findByName(QStringView name, int from) const;
    int findMarkerStep(const QString& label, int from) const;
    int openByMarker(const QString& label, std::optional<std::int64_t> timestamp);
    int moveTo(int index, bool marker);

    std::vector<store::CiWriter::StepRef> m_steps;
    bool m_hasTimes = false;
    int m_current = -1;
    bool m_currentHasMarker = false;
};

// The findings of one job's log: every line goes through a LogScanner for its step and one for the
// job; write() stores them (error line, fingerprint, cache) for each step that had lines and for
// the job, whose error step is the step its error line came from.
class GitHubJobLogScan
{
public:
    GitHubJobLogScan(const store::CiWriter::JobRef& job, QString service,
                     std::vector<store::CiWriter::StepRef> steps);

    // A line of a whole-job log; its step comes from the mapper.
    void addLine(std::optional<std::int64_t> timestamp, QStringView text, QStringView stepName = {});
    // A line of a per-step log file of the run log zip. A step number the workspace does not have
    // still counts for the job (its error step is then `stepName`); returns false for such a step.
    bool addStepLine(int stepNumber, const QString& stepName, QStringView text);

    void write(store::CiWriter& writer) const;

    // Lines per step name, in step order, for the steps that got any (and "" for lines of a job
    // without steps): what the mapping did.
    std::vector<std::pair<QString, std::int64_t>> linesPerStep() const;

private:
    struct StepScan
    {
        QString name;
        int number = 0;
        std::optional<std::int64_t> id;
        LogScanner scanner;
        std::int64_t lines = 0;
    };
    void feed(int index, QStringView text);

    store::CiWriter::JobRef m_job;
    QString m_service;
    GitHubStepMapper m_mapper;
    std::vector<StepScan> m_steps; // the job's steps in the mapper's order, then unknown step files
    std::vector<int> m_order; // indexes of m_steps in the order they first got a line
    LogScanner m_jobScanner;
    std::int64_t m_linesWithoutStep = 0;
};

// How far apart a job's [started_at, completed_at] and a log's times are (sum of both ends, ms),
// or nullopt when the log has no times, the job no start, or an end is more than
// kJobMatchToleranceMs away. The start is compared with both the log's first line and the line
// where the runner took over from the queue.
constexpr std::int64_t kJobMatchToleranceMs = 60'000;
std::optional<std::int64_t> jobDistance(const store::CiWriter::JobRef& job, const GitHubLogSpan& span);

// The one job among `candidates` whose times fit the log best; a tie is broken by the step names
// the log's `##[group]Run …` markers name. `fitting` gets the number of jobs that fit at all.
std::optional<store::CiWriter::JobRef> pickJobForLog(const std::vector<store::CiWriter::JobRef>& candidates,
                                                     const GitHubLogSpan& span, store::CiWriter& writer,
                                                     int* fitting);

// The numbers in a file's name, longest first (job_123.txt, logs_456.zip): ids the file may name.
QStringList numbersInFileName(const QString& path);

} // namespace faultline::importers::ci

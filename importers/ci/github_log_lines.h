#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QSet>
#include <QString>
#include <QStringView>

#include <cstdint>
#include <functional>
#include <optional>

namespace faultline::importers {
class TimestampParser;
}

namespace faultline::importers::ci {

// Lines of a log read block by block from any byte source (a file, a zip entry), so that a log of
// any size is held one line at a time. A line longer than kMaxLineBytes keeps its first
// kMaxLineBytes: a log line is read for its timestamp and its error text, both at the start.
class LogLineReader
{
public:
    // Reads up to `max` bytes into `buffer`; returns how many, 0 at the end. Throws on a read error.
    using ReadFn = std::function<std::int64_t(char* buffer, std::int64_t max)>;

    static constexpr std::int64_t kMaxLineBytes = 1 << 20;

    explicit LogLineReader(ReadFn read);

    // The next line without its '\n' or "\r\n"; false after the last one.
    bool next(QByteArray& line);
    std::int64_t bytesRead() const { return m_bytesRead; }
    std::int64_t lineNumber() const { return m_lineNumber; }

private:
    bool fill();

    ReadFn m_read;
    QByteArray m_buffer;
    std::int64_t m_pos = 0;
    std::int64_t m_end = 0;
    bool m_eof = false;
    std::int64_t m_bytesRead = 0;
    std::int64_t m_lineNumber = 0;
};

// One line of a GitHub Actions log (FORMATS.md §1d): `<BOM?>2024-12-11T18:19:11.2593209Z <text>`.
struct GitHubLogLine
{
    std::optional<std::int64_t> timestamp; // UTC epoch ms; empty when the line has none
    QString text; // after the timestamp and its space; the whole line (less a BOM) without one
};

// Splits the timestamp prefix off. A UTF-8 BOM is dropped wherever it starts a line (the runner
// writes one at the start of every step's log, so one also appears mid-file in a whole-job log).
// Invalid UTF-8 is replaced, not refused.
GitHubLogLine parseGitHubLogLine(QByteArrayView line, const TimestampParser& time);
// The byte length of the `<timestamp>Z` prefix `line` starts with (after any BOM), or 0.
int gitHubTimestampLength(QByteArrayView line);
QByteArrayView withoutBom(QByteArrayView line);

// The first/last timestamps of a job's log and where the runner took over from the queue: the
// log of a job on a hosted runner starts with "Requested labels: …", "Waiting for a runner …"
// lines written while the job was still queued, before its started_at.
struct GitHubLogSpan
{
    std::optional<std::int64_t> first;
    std::optional<std::int64_t> last;
    std::optional<std::int64_t> runnerStart;
    QSet<QString> markerLabels; // "Run …" texts of `##[group]Run …` markers (a bounded set)

    void add(std::optional<std::int64_t> timestamp, QStringView text);
    void merge(const GitHubLogSpan& other);
    bool hasTimes() const { return first.has_value(); }
};

// The "Run …" label a `##[group]Run …` marker opens a step with (the step's own name when the
// workflow gives the step none), or an empty string when `text` is no such marker.
QString runMarkerLabel(QStringView text);

// The name of a job's folder and whole-job file in the run log zip (FORMATS.md §1e): '/' and ':'
// dropped, truncated to 90 UTF-16 code units (C# Substring: a cut surrogate pair becomes U+FFFD in
// the UTF-8 file name), then trimmed.
QString gitHubArchiveJobName(const QString& jobName);

} // namespace faultline::importers::ci

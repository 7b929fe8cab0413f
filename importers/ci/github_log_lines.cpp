#include "ci/github_log_lines.h"

#include "common/timestamp_parser.h"

#include <array>
#include <cstring>
#include <string_view>

namespace faultline::importers::ci {

namespace {

constexpr std::int64_t kBlockBytes = 1 << 20;
// Enough distinct step labels to break a tie between candidate jobs; a log with more is an outlier.
constexpr int kMaxMarkerLabels = 500;
// GitHub's limit for the job part of a log archive path (see gitHubArchiveJobName).
constexpr int kArchiveJobNameMax = 90;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool digitsAt(QByteArrayView s, qsizetype from, qsizetype count)
{
    for (qsizetype i = from; i < from + count; ++i)
        if (!isDigit(s[i]))
            return false;
    return true;
}

// Lines the runner writes while the job is still queued (see GitHubLogSpan).
bool isQueueLine(QStringView text)
{
    static const std::array prefixes {
        QLatin1String("Requested labels:"),  QLatin1String("Requested runner group:"),
        QLatin1String("Job defined at:"),    QLatin1String("Waiting for a runner"),
        QLatin1String("Job is waiting for"), QLatin1String("Job is about to start running")
    };
    for (const auto& prefix : prefixes)
        if (text.startsWith(prefix))
            return true;
    return false;
}

} // namespace

LogLineReader::LogLineReader(ReadFn read)
    : m_read(std::move(read))
{ }

bool LogLineReader::fill()
{
    if (m_eof)
        return false;
    if (m_buffer.size() < kBlockBytes)
        m_buffer.resize(kBlockBytes);
    const std::int64_t n = m_read(m_buffer.data(), kBlockBytes);
    m_pos = 0;
    m_end = n > 0 ? n : 0;
    if (n <= 0) {
        m_eof = true;
        return false;
    }
    m_bytesRead += n;
    return true;
}

bool LogLineReader::next(QByteArray& line)
{
    line.clear();
    bool any = false;
    for (;;) {
        if (m_pos >= m_end && !fill()) {
            if (!any)
                return false;
            break;
        }
        any = true;
        const char* start = m_buffer.constData() + m_pos;
        const auto* nl = static_cast<const char*>(std::memchr(start, '\n', size_t(m_end - m_pos)));
        const std::int64_t take = nl ? nl - start : m_end - m_pos;
        const std::int64_t room = kMaxLineBytes - line.size();
        if (room > 0)
            line.append(start, qsizetype(std::min(take, room)));
        m_pos += take;
        if (nl) {
            ++m_pos;
            break;
        }
    }
    if (line.endsWith('\r'))
        line.chop(1);
    ++m_lineNumber;
    return true;
}

QByteArrayView withoutBom(QByteArrayView line)
{
    return line.startsWith("\xEF\xBB\xBF") ? line.sliced(3) : line;
}

int gitHubTimestampLength(QByteArrayView line)
{
    const QByteArrayView s = withoutBom(line);
    // 2024-12-11T18:19:11[.fraction]Z
    if (s.size() < 20 || !digitsAt(s, 0, 4) || s[4] != '-' || !digitsAt(s, 5, 2) || s[7] != '-'
        || !digitsAt(s, 8, 2) || s[10] != 'T' || !digitsAt(s, 11, 2) || s[13] != ':' || !digitsAt(s, 14, 2)
        || s[16] != ':' || !digitsAt(s, 17, 2))
        return 0;
    qsizetype i = 19;
    if (i < s.size() && s[i] == '.') {
        ++i;
        const qsizetype digits = i;
        while (i < s.size() && isDigit(s[i]) && i - digits < 9)
            ++i;
        if (i == digits)
            return 0;
    }
    if (i >= s.size() || s[i] != 'Z')
        return 0;
    ++i;
    if (i < s.size() && s[i] != ' ')
        return 0;
    return int(i);
}

GitHubLogLine parseGitHubLogLine(QByteArrayView line, const TimestampParser& time)
{
    const QByteArrayView s = withoutBom(line);
    GitHubLogLine parsed;
    if (const int length = gitHubTimestampLength(s); length > 0) {
        parsed.timestamp = time.parse(std::string_view(s.data(), size_t(length)));
        if (parsed.timestamp) {
            const QByteArrayView rest = s.sliced(length);
            parsed.text = QString::fromUtf8(rest.startsWith(' ') ? rest.sliced(1) : rest);
            return parsed;
        }
    }
    parsed.text = QString::fromUtf8(s);
    return parsed;
}

void GitHubLogSpan::add(std::optional<std::int64_t> timestamp, QStringView text)
{
    if (timestamp) {
        if (!first)
            first = timestamp;
        last = last ? std::max(*last, *timestamp) : *timestamp;
        if (!runnerStart && !isQueueLine(text))
            runnerStart = timestamp;
    }
    if (markerLabels.size() < kMaxMarkerLabels)
        if (QString label = runMarkerLabel(text); !label.isEmpty())
            markerLabels.insert(label);
}

void GitHubLogSpan::merge(const GitHubLogSpan& other)
{
    if (other.first && (!first || *other.first < *first))
        first = other.first;
    if (other.last && (!last || *other.last > *last))
        last = other.last;
    if (other.runnerStart && (!runnerStart || *other.runnerStart < *runnerStart))
        runnerStart = other.runnerStart;
    for (const QString& label : other.markerLabels)
        if (markerLabels.size() < kMaxMarkerLabels)
            markerLabels.insert(label);
}

QString runMarkerLabel(QStringView text)
{
    static const QLatin1String marker("##[group]Run ");
    if (!text.startsWith(marker))
        return {};
    return text.sliced(marker.size() - 4).trimmed().toString();
}

QString gitHubArchiveJobName(const QString& jobName)
{
    QString name = jobName;
    name.remove(QLatin1Char('/'));
    name.remove(QLatin1Char(':'));
    if (name.size() > kArchiveJobNameMax) {
        name.truncate(kArchiveJobNameMax);
        if (name.back().isHighSurrogate())
            name.back() = QChar(QChar::ReplacementCharacter);
    }
    return name.trimmed();
}

} // namespace faultline::importers::ci

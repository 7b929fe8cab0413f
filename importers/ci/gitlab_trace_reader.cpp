#include "gitlab_trace_reader.h"

#include "common/import_error.h"

#include <string_view>

namespace faultline::importers::ci {

namespace {

constexpr qint64 kBinaryProbeBytes = 64 * 1024;
constexpr int kProgressEveryLines = 4096;
// A section's epoch seconds before 2200 fit in 11 digits; more is not a marker.
constexpr int kMaxEpochDigits = 11;
constexpr qsizetype kMaxOptionsBytes = 512;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// GitLab allows letters, digits, '_', '.' and '-' in section names.
bool isNameChar(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-';
}

struct Marker
{
    bool start = false;
    std::int64_t seconds = 0;
    QByteArrayView name;
    QByteArrayView options;
    qsizetype end = 0; // just past the marker and its "\r\e[0K"
};

// A marker at `at`, or nullopt when the text there only looks like one (a command line that prints
// one, `section_start:$(date +%s)`, a name followed by more text).
std::optional<Marker> parseMarker(QByteArrayView s, qsizetype at)
{
    static constexpr QByteArrayView kStart("section_start:");
    static constexpr QByteArrayView kEnd("section_end:");
    Marker m;
    qsizetype i = at;
    const QByteArrayView rest = s.sliced(at);
    if (rest.startsWith(kStart)) {
        m.start = true;
        i += kStart.size();
    } else if (rest.startsWith(kEnd)) {
        i += kEnd.size();
    } else {
        return std::nullopt;
    }
    const qsizetype digits = i;
    while (i < s.size() && isDigit(s[i])) {
        if (i - digits >= kMaxEpochDigits)
            return std::nullopt;
        m.seconds = m.seconds * 10 + (s[i] - '0');
        ++i;
    }
    if (i == digits || i >= s.size() || s[i] != ':')
        return std::nullopt;
    const qsizetype nameStart = ++i;
    while (i < s.size() && isNameChar(s[i]))
        ++i;
    if (i == nameStart)
        return std::nullopt;
    m.name = s.sliced(nameStart, i - nameStart);
    if (i < s.size() && s[i] == '[') {
        const qsizetype close = s.indexOf(']', i);
        if (close < 0 || close - i > kMaxOptionsBytes)
            return std::nullopt;
        m.options = s.sliced(i + 1, close - i - 1);
        i = close + 1;
    }
    if (i < s.size()) {
        if (s[i] == '\r')
            ++i;
        else if (s[i] != '\x1b')
            return std::nullopt;
    }
    if (s.sliced(i).startsWith(QByteArrayView("\x1b[0K")))
        i += 4;
    m.end = i;
    return m;
}

} // namespace

GitLabTraceReader::GitLabTraceReader(const QString& path, const TimestampParser& time)
    : m_file(path)
    , m_time(time)
{
    if (!m_file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(path, m_file.errorString()));
    const QByteArray head = m_file.peek(kBinaryProbeBytes);
    if (head.trimmed().isEmpty())
        throw ImportError(QStringLiteral("%1: the file is empty; expected a GitLab job trace").arg(path));
    if (const qsizetype nul = head.indexOf('\0'); nul >= 0)
        throw ImportError(
            QStringLiteral("%1:%2: binary data (a NUL byte); expected a GitLab job trace (text)")
                .arg(path)
                .arg(head.left(nul).count('\n') + 1));
}

std::optional<GitLabTraceReader::Prefix> GitLabTraceReader::parsePrefix(QByteArrayView line) const
{
    // YYYY-MM-DDTHH:MM:SS[.f…]Z <2 hex><O|E><' '|'+'>
    static constexpr const char* kShape = "dddd-dd-ddTdd:dd:dd";
    constexpr qsizetype kShapeLength = 19;
    if (line.size() < kShapeLength + 6)
        return std::nullopt;
    for (qsizetype i = 0; i < kShapeLength; ++i) {
        if (kShape[i] == 'd' ? !isDigit(line[i]) : line[i] != kShape[i])
            return std::nullopt;
    }
    qsizetype i = kShapeLength;
    if (line[i] == '.') {
        const qsizetype fraction = ++i;
        while (i < line.size() && isDigit(line[i]))
            ++i;
        if (i == fraction || i - fraction > 9)
            return std::nullopt;
    }
    if (i + 6 > line.size() || line[i] != 'Z' || line[i + 1] != ' ' || !isHex(line[i + 2])
        || !isHex(line[i + 3]) || (line[i + 4] != 'O' && line[i + 4] != 'E')
        || (line[i + 5] != ' ' && line[i + 5] != '+'))
        return std::nullopt;
    const auto ms = m_time.parse(std::string_view(line.data(), size_t(i + 1)));
    if (!ms)
        return std::nullopt;
    return Prefix { *ms, line[i + 5] == '+', i + 6 };
}

void GitLabTraceReader::read(const Sink& sink, const Progress& progress)
{
    qint64 lineNumber = 0;
    bool atLineStart = true;
    qint64 segments = 0;
    // One buffer for all lines: QIODevice::readLine(maxSize) would allocate maxSize bytes per line.
    QByteArray buffer(kMaxLineBytes + 1, Qt::Uninitialized);
    while (true) {
        const qint64 length = m_file.readLine(buffer.data(), buffer.size());
        if (length <= 0) {
            if (!m_file.atEnd())
                throw ImportError(QStringLiteral("%1:%2: cannot read: %3")
                                      .arg(m_file.fileName())
                                      .arg(lineNumber + 1)
                                      .arg(m_file.errorString()));
            break;
        }
        const bool startsLine = atLineStart;
        if (startsLine)
            ++lineNumber;
        QByteArrayView view(buffer.constData(), length);
        atLineStart = view.endsWith('\n');
        if (atLineStart) {
            view.chop(1);
            if (view.endsWith('\r'))
                view.chop(1);
        }
        std::optional<Prefix> prefix;
        if (startsLine && (prefix = parsePrefix(view))) {
            ++m_timestampedLines;
            view = view.sliced(prefix->length);
        }
        // A piece of an over-long line, or a '+' line, continues the line before it.
        const bool continues = !startsLine || (prefix && prefix->continues);
        if (continues && m_haveLogical && m_logical.size() + view.size() <= kMaxLineBytes) {
            m_logical.append(view);
        } else {
            flushLogical(sink);
            m_logical.truncate(0);
            m_logical.append(view);
            m_logicalMs = prefix ? std::optional<std::int64_t>(prefix->ms) : std::nullopt;
            m_logicalLine = lineNumber;
            m_haveLogical = true;
        }
        if (++segments % kProgressEveryLines == 0 && progress)
            progress(m_file.pos());
    }
    flushLogical(sink);
    if (progress)
        progress(m_file.pos());
}

void GitLabTraceReader::flushLogical(const Sink& sink)
{
    if (!m_haveLogical)
        return;
    m_haveLogical = false;
    const QByteArrayView s(m_logical);
    qsizetype textFrom = 0;
    qsizetype searchFrom = 0;
    while (true) {
        const qsizetype at = s.indexOf(QByteArrayView("section_"), searchFrom);
        if (at < 0)
            break;
        const auto marker = parseMarker(s, at);
        if (!marker) {
            searchFrom = at + 1;
            continue;
        }
        emitText(s.sliced(textFrom, at - textFrom), sink);
        GitLabTraceEvent event;
        event.kind
            = marker->start ? GitLabTraceEvent::Kind::SectionStart : GitLabTraceEvent::Kind::SectionEnd;
        event.text = QString::fromLatin1(marker->name);
        event.options = QString::fromUtf8(marker->options);
        event.markerMs = marker->seconds * 1000;
        event.lineMs = m_logicalMs;
        event.line = m_logicalLine;
        sink(event);
        textFrom = searchFrom = marker->end;
    }
    emitText(s.sliced(textFrom), sink);
    m_logical.truncate(0);
}

void GitLabTraceReader::emitText(QByteArrayView text, const Sink& sink)
{
    // Progress output rewrites its line with '\r': each state is a line of its own here.
    qsizetype from = 0;
    while (from <= text.size()) {
        const qsizetype cr = text.indexOf('\r', from);
        const qsizetype to = cr < 0 ? text.size() : cr;
        if (to > from) {
            GitLabTraceEvent event;
            event.text = QString::fromUtf8(text.sliced(from, to - from));
            event.lineMs = m_logicalMs;
            event.line = m_logicalLine;
            sink(event);
        }
        if (cr < 0)
            break;
        from = cr + 1;
    }
}

} // namespace faultline::importers::ci

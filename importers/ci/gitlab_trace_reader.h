#pragma once

#include "common/timestamp_parser.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

namespace faultline::importers::ci {

// One piece of a GitLab job trace, in file order.
struct GitLabTraceEvent
{
    enum class Kind
    {
        Text,
        SectionStart,
        SectionEnd
    };
    Kind kind = Kind::Text;
    QString text; // Text: one line of output (ANSI codes kept); sections: the section's name
    QString options; // SectionStart: what stood between [ ] (collapsed=true, …)
    std::int64_t markerMs = 0; // sections: the marker's time (GitLab writes whole seconds)
    std::optional<std::int64_t> lineMs; // the line's FF_TIMESTAMPS time, when the trace has them
    qint64 line = 0; // 1-based physical line the piece is on
};

// Splits a GitLab job trace (FORMATS.md §2d) into output lines and section markers, streaming: the
// file is read line by line and no more than one (bounded) line is held. It copes with what real
// traces do:
//  - markers `section_(start|end):<epoch s>:<name>[<opts>]\r\e[0K` anywhere in a line, also glued
//    to the end of the previous section's output or to another marker;
//  - `\r` normalised to `\n`, so a marker ends its line and `\e[0K` starts the next one;
//  - FF_TIMESTAMPS prefixes `YYYY-MM-DDTHH:MM:SS.ffffffZ <2 hex><O|E><' '|'+'>` on every line,
//    where '+' continues the previous line (the two are joined before markers are looked for);
//  - carriage-return progress output (`10%\r20%\r…`), handed out as separate lines.
class GitLabTraceReader
{
public:
    using Sink = std::function<void(const GitLabTraceEvent&)>;
    using Progress = std::function<void(std::int64_t bytesRead)>;

    // Throws ImportError when the file cannot be read, is empty, or holds binary data.
    GitLabTraceReader(const QString& path, const TimestampParser& time);

    void read(const Sink& sink, const Progress& progress);

    qint64 timestampedLines() const { return m_timestampedLines; }

    // Physical lines longer than this are handed out in pieces of this size.
    static constexpr qint64 kMaxLineBytes = 1 << 20;

private:
    struct Prefix
    {
        std::int64_t ms = 0;
        bool continues = false;
        qsizetype length = 0;
    };
    std::optional<Prefix> parsePrefix(QByteArrayView line) const;
    void flushLogical(const Sink& sink);
    void emitText(QByteArrayView text, const Sink& sink);

    QFile m_file;
    const TimestampParser& m_time;
    QByteArray m_logical; // the line being joined from '+' continuations
    std::optional<std::int64_t> m_logicalMs;
    qint64 m_logicalLine = 0;
    bool m_haveLogical = false;
    qint64 m_timestampedLines = 0;
};

} // namespace faultline::importers::ci

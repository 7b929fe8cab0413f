#include "log_scanner.h"

#include <QRegularExpression>

namespace faultline::importers::ci {

namespace {

constexpr int kMaxErrorLength = 500;

const QRegularExpression& ansiPattern()
{
    static const QRegularExpression re(QStringLiteral(R"(\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07)"));
    return re;
}

// "Process completed with exit code 1." says that a step failed, not why: kept only when the log
// has nothing more specific.
const QRegularExpression& genericPattern()
{
    static const QRegularExpression re(
        QStringLiteral(
            R"(^(?:Process completed with exit code \d+|Job failed: (?:exit (?:code|status) \d+|command terminated with exit code \d+)|Job failed \(system failure\).*|script returned exit code \d+)\.?$)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// A line that states an error, and the text to keep from it.
const QRegularExpression& errorPattern()
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(?:##\[error\]\s*(?<gha>.+)|(?:ERROR|FATAL):\s*(?<gitlab>.+)|\[ERROR\]\s*(?<maven>.+)|(?:Error|error|fatal|FATAL ERROR)(?:\[[A-Za-z0-9]+\])?:\s+(?<plain>.+)|(?<compiler>\S+:\d+(?::\d+)?:\s*(?:fatal )?error(?:\[[A-Za-z0-9]+\])?:.+)|(?<test>(?:FAILED|FAIL)\s+\S.*|--- FAIL: .+|\s*✕ .+|\s*● .+ › .+))$)"));
    return re;
}

bool contains(QStringView line, QLatin1String needle)
{
    return line.contains(needle, Qt::CaseInsensitive);
}

} // namespace

QString LogScanner::stripAnsi(QStringView line)
{
    QString s = line.toString();
    if (s.contains(QChar(0x1b)))
        s.remove(ansiPattern());
    return s;
}

void LogScanner::addLine(QStringView raw)
{
    const QString line = stripAnsi(raw).trimmed();
    if (line.isEmpty())
        return;

    // Cache (actions/cache and setup-* actions, GitLab runner, BuildKit). Every phrase names the
    // cache: one case-insensitive search (slow in Qt) rules out most lines instead of nine.
    if (contains(line, QLatin1String("cache"))) {
        if (contains(line, QLatin1String("Cache restored from key"))
            || contains(line, QLatin1String("Cache restored successfully"))
            || contains(line, QLatin1String("Successfully extracted cache"))
            || contains(line, QLatin1String("cache hit occurred")))
            m_cacheHit = true;
        else if (contains(line, QLatin1String("Cache not found for input keys"))
                 || contains(line, QLatin1String("no matching cache"))
                 || contains(line, QLatin1String("Failed to extract cache"))
                 || contains(line, QLatin1String("cache is not found"))
                 || contains(line, QLatin1String("cache miss")))
            m_cacheMiss = true;
    }
    if (line.startsWith(QLatin1Char('#')) && line.size() > 1 && line.at(1).isDigit()) {
        static const QRegularExpression buildKit(QStringLiteral(R"(^#\d+ (?:\[.*\d+/\d+\]|CACHED$))"));
        if (const auto m = buildKit.match(line); m.hasMatch()) {
            m_buildKitStep = true;
            if (line.endsWith(QLatin1String(" CACHED")))
                m_buildKitCached = true;
        }
    }

    if (!m_specificError.isEmpty())
        return;
    const auto m = errorPattern().match(line);
    if (!m.hasMatch())
        return;
    QString text;
    for (const char* group : { "gha", "gitlab", "maven", "plain", "compiler", "test" }) {
        text = m.captured(QLatin1String(group));
        if (!text.isEmpty())
            break;
    }
    text = text.trimmed().left(kMaxErrorLength);
    if (text.isEmpty())
        return;
    if (genericPattern().match(text).hasMatch()) {
        if (m_genericError.isEmpty())
            m_genericError = text;
    } else {
        m_specificError = text;
    }
}

store::CiLogFindings LogScanner::findings() const
{
    store::CiLogFindings f;
    f.errorLine = m_specificError.isEmpty() ? m_genericError : m_specificError;
    if (m_cacheHit || m_buildKitCached)
        f.cache = QStringLiteral("hit");
    else if (m_cacheMiss || m_buildKitStep)
        f.cache = QStringLiteral("miss");
    return f;
}

} // namespace faultline::importers::ci

#pragma once

#include "store/ci_records.h"

#include <QString>
#include <QStringView>

namespace faultline::importers::ci {

// Reads the lines of one job's or step's log (timestamp prefixes already removed) and finds what
// METRICS.md asks of a log: the first error line (a specific one — `##[error]…`, `ERROR: …`,
// `error: …`, a failing test — before a generic "exit code 1" line), and whether a cache was
// restored (hit) or looked for and not found (miss). ANSI colour codes are ignored.
class LogScanner
{
public:
    void addLine(QStringView line);
    store::CiLogFindings findings() const;
    bool hasError() const { return !m_specificError.isEmpty() || !m_genericError.isEmpty(); }
    void reset() { *this = LogScanner(); }

    // Removes ANSI escape sequences and GitLab's \e[0K erase codes.
    static QString stripAnsi(QStringView line);

private:
    QString m_specificError;
    QString m_genericError;
    bool m_cacheHit = false;
    bool m_cacheMiss = false;
    bool m_buildKitStep = false;
    bool m_buildKitCached = false;
};

} // namespace faultline::importers::ci

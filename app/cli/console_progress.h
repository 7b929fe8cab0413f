#pragma once

#include <QElapsedTimer>
#include <QString>

#include <atomic>
#include <cstdint>
#include <cstdio>

namespace faultline::cli {

// Progress of a long command on stderr: a redrawn bar with count and ETA on a terminal, a line every
// few seconds otherwise (CI logs). Ctrl+C while it lives asks the work to stop instead of killing the
// process, so the import can roll back and leave the workspace as it was.
class ConsoleProgress
{
public:
    ConsoleProgress(QString label, QString unit, std::FILE* stream = stderr);
    ~ConsoleProgress();
    ConsoleProgress(const ConsoleProgress&) = delete;
    ConsoleProgress& operator=(const ConsoleProgress&) = delete;

    // The importers' ProgressCallback: false once the user pressed Ctrl+C.
    bool update(std::int64_t done, std::int64_t total);
    void finish();
    static bool cancelRequested();

private:
    QString m_label;
    QString m_unit;
    std::FILE* m_stream;
    bool m_terminal;
    bool m_drawn = false;
    QElapsedTimer m_clock;
    qint64 m_lastPrint = -1;
    void (*m_previousHandler)(int) = nullptr;
};

} // namespace faultline::cli

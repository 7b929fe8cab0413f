#include "console_progress.h"

#include <csignal>
#include <unistd.h>

namespace faultline::cli {

namespace {
std::atomic<bool> g_cancel { false };

void onInterrupt(int)
{
    g_cancel.store(true);
}

QString formatSeconds(qint64 s)
{
    return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

ConsoleProgress::ConsoleProgress(QString label, QString unit, std::FILE* stream)
    : m_label(std::move(label))
    , m_unit(std::move(unit))
    , m_stream(stream)
    , m_terminal(isatty(fileno(stream)) == 1)
{
    g_cancel.store(false);
    m_previousHandler = std::signal(SIGINT, &onInterrupt);
    m_clock.start();
}

ConsoleProgress::~ConsoleProgress()
{
    finish();
    std::signal(SIGINT, m_previousHandler ? m_previousHandler : SIG_DFL);
}

bool ConsoleProgress::cancelRequested()
{
    return g_cancel.load();
}

bool ConsoleProgress::update(std::int64_t done, std::int64_t total)
{
    const qint64 now = m_clock.elapsed();
    const bool last = total > 0 && done >= total;
    const qint64 every = m_terminal ? 100 : 3000;
    // In a log (not a terminal) a command that ends within the first interval prints nothing, so
    // that its result or its one error line is all there is; a long one reports every interval.
    const qint64 since = m_lastPrint >= 0 ? m_lastPrint : (m_terminal ? -every : 0);
    if (!m_terminal && last && m_lastPrint < 0)
        return !g_cancel.load();
    if (!last && now - since < every)
        return !g_cancel.load();
    m_lastPrint = now;

    QString eta;
    if (total > 0 && done > 0 && !last)
        eta = QStringLiteral("  ETA %1").arg(formatSeconds((now * (total - done) / done + 999) / 1000));
    const QString count = total > 0 ? QStringLiteral("%1/%2 %3").arg(done).arg(total).arg(m_unit)
                                    : QStringLiteral("%1 %2").arg(done).arg(m_unit);
    QString text;
    if (m_terminal && total > 0) {
        constexpr int width = 28;
        const int filled = int(width * done / total);
        text = QStringLiteral("\r%1 [%2%3] %4%5\x1b[K")
                   .arg(m_label, QString(filled, QLatin1Char('#')), QString(width - filled, QLatin1Char('.')), count, eta);
        m_drawn = true;
    } else {
        const QString percent = total > 0 ? QStringLiteral(" (%1%)").arg(100 * done / total) : QString();
        text = QStringLiteral("%1: %2%3%4\n").arg(m_label, count, percent, eta);
    }
    std::fputs(text.toLocal8Bit().constData(), m_stream);
    std::fflush(m_stream);
    return !g_cancel.load();
}

void ConsoleProgress::finish()
{
    if (m_drawn) {
        std::fputs("\n", m_stream);
        std::fflush(m_stream);
        m_drawn = false;
    }
}

} // namespace faultline::cli

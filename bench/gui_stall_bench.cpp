// Does the GUI thread stay responsive on a large workspace (issue 7: "switching views and changing a
// filter never blocks the GUI thread for more than 100 ms")? Opens the main window offscreen on the
// workspace, then switches through every view and changes the period and the AI segment, while a 1 ms
// precise timer measures how late the event loop gets to it. Prints the worst stall of each step and
// how long each result took to arrive (the work itself runs off the GUI thread).
//
//   bench_gui_stall <workspace.faultline>
//
// The workspace of bench_metrics (1,000,000 commits, 1,000,000 jobs): `bench_metrics --keep DIR`, then
// `bench_gui_stall DIR/metrics-bench.faultline`.
// Build: cmake --preset release && cmake --build build/release --target bench_gui_stall
#include "gui/main_window.h"
#include "gui/report_page.h"
#include "gui/settings.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace faultline;

namespace {

// Measures the longest gap between two ticks of a 1 ms timer, minus the tick: how long the event loop
// was kept from running.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this,
                [this] { m_worst = std::max(m_worst, m_clock.restart() - 1); });
        m_clock.start();
        m_timer.start();
    }
    // The worst stall since the last call, in ms.
    qint64 take()
    {
        const qint64 worst = std::max(m_worst, m_clock.elapsed() - 1);
        m_worst = 0;
        return worst;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
};

struct Waited
{
    qint64 visibleMs = -1; // the visible view shows the result
    qint64 allMs = -1; // every view does; -1: time-out
};

// Runs the event loop until every view of the page shows a new result (or `limitMs` passes).
Waited waitForReport(gui::ReportPage* page, int limitMs)
{
    QEventLoop loop;
    Waited waited;
    QElapsedTimer t;
    const auto visible = QObject::connect(page, &gui::ReportPage::currentViewReady, &loop,
                                          [&] { waited.visibleMs = t.elapsed(); });
    const auto all = QObject::connect(page, &gui::ReportPage::reportReady, &loop, [&] {
        waited.allMs = t.elapsed();
        loop.quit();
    });
    QTimer::singleShot(limitMs, &loop, &QEventLoop::quit);
    t.start();
    loop.exec();
    QObject::disconnect(visible);
    QObject::disconnect(all);
    return waited;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <workspace.faultline>\n", argv[0]);
        return 2;
    }
    QTemporaryDir settingsDir;
    gui::Settings settings(settingsDir.filePath(QStringLiteral("settings.ini")));
    gui::MainWindow window(&settings);
    window.resize(1600, 900);
    window.show();
    StallMeter meter;
    qint64 worstOverall = 0;
    auto report = [&](const char* step, const Waited& waited) {
        const qint64 stall = meter.take();
        worstOverall = std::max(worstOverall, stall);
        if (waited.allMs >= 0)
            std::printf("%-34s worst stall %5lld ms, shown after %6lld ms, in every view after %6lld ms\n",
                        step, static_cast<long long>(stall), static_cast<long long>(waited.visibleMs),
                        static_cast<long long>(waited.allMs));
        else
            std::printf("%-34s worst stall %5lld ms\n", step, static_cast<long long>(stall));
    };

    const QString path = QString::fromLocal8Bit(argv[1]);
    if (!window.openWorkspace(path)) {
        std::fprintf(stderr, "bench_gui_stall: cannot open %s\n", argv[1]);
        return 1;
    }
    auto* page = window.findChild<gui::ReportPage*>();
    if (!page) {
        std::fprintf(stderr, "bench_gui_stall: the window has no report page\n");
        return 1;
    }
    constexpr int kLimitMs = 300000;
    report("open workspace (first result)", waitForReport(page, kLimitMs));

    for (int view = 1; view <= 6; ++view) {
        QTest::keyClick(&window, Qt::Key(Qt::Key_0 + view), Qt::ControlModifier);
        QTest::qWait(300);
        const QByteArray step
            = "switch to view " + QByteArray::number(view) + " (Ctrl+" + QByteArray::number(view) + ")";
        report(step.constData(), Waited {});
    }

    for (const char* name : { "rangeCombo", "segmentCombo" }) {
        auto* combo = window.findChild<QComboBox*>(QLatin1String(name));
        if (!combo) {
            std::fprintf(stderr, "bench_gui_stall: no %s\n", name);
            return 1;
        }
        for (int i = 0; i < combo->count(); ++i) {
            if (i == combo->currentIndex())
                continue;
            // A custom range waits for dates the user types: the presets and segments are what a click
            // changes.
            if (combo->itemText(i).startsWith(QStringLiteral("Custom")))
                continue;
            const QByteArray step = QByteArray(name) + " → " + combo->itemText(i).toUtf8();
            // As a user's pick: the filter bar acts on activated(), not on programmatic changes.
            combo->setCurrentIndex(i);
            Q_EMIT combo->activated(i);
            report(step.constData(), waitForReport(page, kLimitMs));
        }
    }
    std::printf("worst stall of the GUI thread: %lld ms\n", static_cast<long long>(worstOverall));
    return 0;
}

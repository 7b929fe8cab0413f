#include "shared_result.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

namespace faultline::gui {

void releaseOffGuiThread(std::function<void()> release)
{
    // QCoreApplication waits for the global pool when it goes, so nothing released here is leaked.
    const QCoreApplication* app = QCoreApplication::instance();
    if (app && QThread::currentThread() == app->thread())
        QThreadPool::globalInstance()->start(std::move(release));
    else
        release();
}

} // namespace faultline::gui

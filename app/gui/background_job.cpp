#include "background_job.h"

#include "store/workspace.h"

#include <QLoggingCategory>

namespace faultline::gui {

namespace {
Q_LOGGING_CATEGORY(lcJobs, "faultline.gui.jobs")
}

BackgroundJob::BackgroundJob(QObject* parent)
    : QObject(parent)
{ }

BackgroundJob::~BackgroundJob()
{
    // The worker keeps its own connection and copies; cancelling lets it stop early. Not waiting:
    // closing a window must not block on a long query.
    cancel();
}

quint64 BackgroundJob::beginJob(QFutureWatcherBase* watcher)
{
    cancel();
    m_current = watcher;
    m_running = true;
    return ++m_latestId;
}

bool BackgroundJob::endJob(quint64 id, QFutureWatcherBase* watcher)
{
    watcher->deleteLater();
    if (watcher == m_current) {
        m_current = nullptr;
        m_running = false;
    }
    if (id != m_latestId || watcher->isCanceled()) {
        qCDebug(lcJobs) << "dropped the result of superseded job" << id;
        return false;
    }
    return true;
}

void BackgroundJob::cancel()
{
    if (!m_current)
        return;
    m_current->cancel();
    m_current = nullptr;
    m_running = false;
}

std::optional<QString> BackgroundJob::runGuarded(const std::function<void()>& body)
{
    try {
        body();
    } catch (const std::exception& e) { // StoreError, std::invalid_argument of a bad setting
        return QString::fromStdString(e.what());
    }
    return std::nullopt;
}

void BackgroundJob::openAndRun(const QString& path,
                               const std::function<void(const store::SqliteDatabase&)>& body)
{
    const store::Workspace workspace = store::Workspace::openReadOnly(path);
    body(workspace.db());
}

} // namespace faultline::gui

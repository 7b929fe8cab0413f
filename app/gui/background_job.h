#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <optional>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::gui {

// What a running job may ask of its runner: whether it was cancelled (or superseded) and where to
// report progress. Used from the worker thread only.
class JobContext
{
public:
    JobContext(std::function<bool()> isCanceled, std::function<void(int, int, const QString&)> progress)
        : m_isCanceled(std::move(isCanceled))
        , m_progress(std::move(progress))
    { }
    bool isCanceled() const { return m_isCanceled && m_isCanceled(); }
    void setProgress(int value, int maximum, const QString& text) const
    {
        if (m_progress)
            m_progress(value, maximum, text);
    }

private:
    std::function<bool()> m_isCanceled;
    std::function<void(int, int, const QString&)> m_progress;
};

// The one background-job helper (STYLE.md practice 5): work runs through QtConcurrent::run with a
// QPromise for progress and cancellation, on its own read-only connection to the workspace (a
// connection is never shared across threads), and its result comes back on this object's thread.
// Starting a job supersedes the previous one: that one is cancelled and, should it still finish,
// its result is dropped by job id, so a slow old query can never overwrite a newer answer.
class BackgroundJob : public QObject
{
    Q_OBJECT

public:
    template <typename T>
    using Work = std::function<T(const store::SqliteDatabase& db, const JobContext& context)>;

    explicit BackgroundJob(QObject* parent = nullptr);
    ~BackgroundJob() override;

    // `work` runs on a pool thread and must not touch GUI objects (capture values, not widgets).
    // `onResult` runs on this object's thread, for the latest job only. An exception from opening
    // the workspace or from the work is reported by failed(), naming what went wrong.
    template <typename T>
    quint64 start(const QString& workspacePath, Work<T> work, std::function<void(T)> onResult);

    // Cancels the running job, if any; its result will be dropped.
    void cancel();
    bool isRunning() const { return m_running; }
    quint64 latestId() const { return m_latestId; }

Q_SIGNALS:
    void started(quint64 id);
    void progressChanged(quint64 id, int value, int maximum, const QString& text);
    void failed(quint64 id, const QString& message);
    // After onResult or failed(); never for a cancelled or superseded job.
    void finished(quint64 id);

private:
    quint64 beginJob(QFutureWatcherBase* watcher);
    // True when the job's outcome is to be delivered (still the latest, not cancelled).
    bool endJob(quint64 id, QFutureWatcherBase* watcher);
    static std::optional<QString> runGuarded(const std::function<void()>& body);
    static void openAndRun(const QString& path,
                           const std::function<void(const store::SqliteDatabase&)>& body);

    quint64 m_latestId = 0;
    bool m_running = false;
    QFutureWatcherBase* m_current = nullptr;
};

template <typename T>
quint64 BackgroundJob::start(const QString& workspacePath, Work<T> work, std::function<void(T)> onResult)
{
    struct Outcome
    {
        std::optional<T> value;
        QString error;
    };
    auto* watcher = new QFutureWatcher<Outcome>(this);
    const quint64 id = beginJob(watcher);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, id, watcher](int value) {
        if (id == m_latestId)
            Q_EMIT progressChanged(id, value, watcher->progressMaximum(), watcher->progressText());
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, id, watcher, onResult] {
        if (!endJob(id, watcher) || watcher->future().resultCount() == 0)
            return;
        Outcome outcome = watcher->result();
        if (outcome.value)
            onResult(std::move(*outcome.value));
        else
            Q_EMIT failed(id, outcome.error);
        Q_EMIT finished(id);
    });
    watcher->setFuture(QtConcurrent::run([workspacePath, work](QPromise<Outcome>& promise) {
        const JobContext context([&promise] { return promise.isCanceled(); },
                                 [&promise](int value, int maximum, const QString& text) {
                                     promise.setProgressRange(0, maximum);
                                     promise.setProgressValueAndText(value, text);
                                 });
        Outcome outcome;
        const auto error = runGuarded([&] {
            openAndRun(workspacePath,
                       [&](const store::SqliteDatabase& db) { outcome.value = work(db, context); });
        });
        if (promise.isCanceled())
            return;
        if (error)
            outcome.error = *error;
        promise.addResult(std::move(outcome));
    }));
    Q_EMIT started(id);
    return id;
}

} // namespace faultline::gui
